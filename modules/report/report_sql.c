/*
 * report_sql.c - every statement of the report module (DESIGN.md habit 4):
 * one table indexed by enum rp_sql (report_int.h), checked by `salient sql
 * check`.  The module owns report_definitions.
 */
#include "report_int.h"
#include "salient/db.h"

const struct sl_sql rp_sql[RP_NSQL] = {
	[RP_SQL_CUSTOMER] = {
	    "SELECT id, host_id AS customer_id, first_name, last_name, email, smart_type, city, country "
	    "FROM customers WHERE host_id = ? AND placeholder = 0",
	    "s" },
	[RP_SQL_CLASSIFICATIONS] = {
	    "SELECT c.id, c.title, c.comments, c.starter_key, c.colour, c.type, h.from_date AS since "
	    "FROM classification_history h JOIN classifications c ON c.id = h.classification_id "
	    "WHERE h.customer_id = ? AND h.from_date <= CAST(? AS DATE) "
	    "AND (h.to_date IS NULL OR h.to_date > CAST(? AS DATE)) "
	    "ORDER BY c.type, c.position, c.id",
	    "iss" },
	[RP_SQL_SEARCH] = {
	    "SELECT host_id AS customer_id, first_name, last_name, email, smart_type FROM customers "
	    "WHERE placeholder = 0 AND (host_id LIKE ? OR email LIKE ? OR first_name LIKE ? "
	    "OR last_name LIKE ? OR CONCAT_WS(' ', first_name, last_name) LIKE ?) "
	    "ORDER BY host_id LIMIT 20",
	    "sssss" },
	[RP_SQL_DEF_LIST] = {
	    "SELECT d.id, d.name, d.customer_host_id AS customer_id, d.sections, d.lang, d.created_by, "
	    "u.email AS created_by_email, d.created_at FROM report_definitions d "
	    "LEFT JOIN users u ON u.id = d.created_by ORDER BY d.name, d.id",
	    "" },
	[RP_SQL_DEF_ONE] = {
	    "SELECT d.id, d.name, d.customer_host_id AS customer_id, d.sections, d.lang, d.created_by, "
	    "u.email AS created_by_email, d.created_at FROM report_definitions d "
	    "LEFT JOIN users u ON u.id = d.created_by WHERE d.id = ?",
	    "i" },
	[RP_SQL_DEF_BY_NAME] = {
	    "SELECT id FROM report_definitions WHERE name = ?",
	    "s" },
	[RP_SQL_DEF_INSERT] = {
	    "INSERT INTO report_definitions (name, customer_host_id, sections, lang, created_by) "
	    "VALUES (?, ?, ?, ?, ?)",
	    "sssss" },
	[RP_SQL_DEF_DELETE] = {
	    "DELETE FROM report_definitions WHERE id = ?",
	    "i" },
};

const char *const rp_tables[] = {
	    "report_definitions", NULL };
