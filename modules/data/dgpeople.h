/*
 * dgpeople.h - private to the demo generator: names (Danish, Cyrillic and
 * international, each with an ASCII form for e-mail addresses), towns
 * around the venue and account managers.  Const tables only.
 */
#ifndef SALIENT_DATA_DGPEOPLE_H
#define SALIENT_DATA_DGPEOPLE_H

struct dg_name {
	const char	*text;
	const char	*ascii;
};

struct dg_names {
	const struct dg_name	*first_f, *first_m, *last_f, *last_m;
	unsigned		 nfirst_f, nfirst_m, nlast_f, nlast_m;
	const char		*domain;
	const char		*language;
};

#define N_(a)	(sizeof(a) / sizeof((a)[0]))

static const struct dg_name dk_f[] = {
	{ "Anne", "anne" }, { "Kirsten", "kirsten" }, { "Mette", "mette" },
	{ "Hanne", "hanne" }, { "Helle", "helle" }, { "Lene", "lene" },
	{ "Maria", "maria" }, { "Susanne", "susanne" }, { "Lone", "lone" },
	{ "Camilla", "camilla" }, { "Sofie", "sofie" }, { "Ida", "ida" },
	{ "Freja", "freja" }, { "Signe", "signe" }, { "Birgitte", "birgitte" },
	{ "Åse", "aase" }, { "Bodil", "bodil" }, { "Else-Marie", "elsemarie" },
};
static const struct dg_name dk_m[] = {
	{ "Søren", "soeren" }, { "Jens", "jens" }, { "Peter", "peter" },
	{ "Lars", "lars" }, { "Henrik", "henrik" }, { "Niels", "niels" },
	{ "Jørgen", "joergen" }, { "Rasmus", "rasmus" }, { "Mads", "mads" },
	{ "Anders", "anders" }, { "Morten", "morten" }, { "Bjørn", "bjoern" },
	{ "Frederik", "frederik" }, { "Ole", "ole" }, { "Kåre", "kaare" },
	{ "Mikkel", "mikkel" }, { "Torben", "torben" }, { "Æbbe", "aebbe" },
};
static const struct dg_name dk_last[] = {
	{ "Jensen", "jensen" }, { "Nielsen", "nielsen" },
	{ "Hansen", "hansen" }, { "Pedersen", "pedersen" },
	{ "Andersen", "andersen" }, { "Christensen", "christensen" },
	{ "Larsen", "larsen" }, { "Sørensen", "soerensen" },
	{ "Rasmussen", "rasmussen" }, { "Jørgensen", "joergensen" },
	{ "Madsen", "madsen" }, { "Møller", "moeller" },
	{ "Ærø", "aeroe" }, { "Østergaard", "oestergaard" },
	{ "Bækgaard", "baekgaard" }, { "Skovgård", "skovgaard" },
	{ "Damgaard", "damgaard" }, { "Brøndum", "broendum" },
	{ "Holm", "holm" }, { "Kjær", "kjaer" },
};

static const struct dg_name ru_f[] = {
	{ "Ирина", "irina" }, { "Ольга", "olga" }, { "Наталья", "natalya" },
	{ "Екатерина", "ekaterina" }, { "Анна", "anna" },
	{ "Мария", "maria" }, { "Татьяна", "tatyana" },
	{ "Светлана", "svetlana" },
};
static const struct dg_name ru_m[] = {
	{ "Алексей", "aleksey" }, { "Дмитрий", "dmitriy" },
	{ "Сергей", "sergey" }, { "Андрей", "andrey" }, { "Иван", "ivan" },
	{ "Михаил", "mikhail" }, { "Николай", "nikolay" },
	{ "Владимир", "vladimir" },
};
static const struct dg_name ru_last_f[] = {
	{ "Иванова", "ivanova" }, { "Петрова", "petrova" },
	{ "Смирнова", "smirnova" }, { "Кузнецова", "kuznetsova" },
	{ "Попова", "popova" }, { "Соколова", "sokolova" },
	{ "Лебедева", "lebedeva" }, { "Козлова", "kozlova" },
};
static const struct dg_name ru_last_m[] = {
	{ "Иванов", "ivanov" }, { "Петров", "petrov" },
	{ "Смирнов", "smirnov" }, { "Кузнецов", "kuznetsov" },
	{ "Попов", "popov" }, { "Соколов", "sokolov" },
	{ "Лебедев", "lebedev" }, { "Козлов", "kozlov" },
};

static const struct dg_name in_f[] = {
	{ "Emma", "emma" }, { "Olivia", "olivia" }, { "Sarah", "sarah" },
	{ "Laura", "laura" }, { "Julia", "julia" }, { "Chloé", "chloe" },
	{ "Zoë", "zoe" }, { "Hannah", "hannah" },
};
static const struct dg_name in_m[] = {
	{ "James", "james" }, { "John", "john" }, { "David", "david" },
	{ "Lukas", "lukas" }, { "Paul", "paul" }, { "Jürgen", "juergen" },
	{ "Tomás", "tomas" }, { "Ahmed", "ahmed" },
};
static const struct dg_name in_last[] = {
	{ "Smith", "smith" }, { "Müller", "mueller" }, { "Schmidt", "schmidt" },
	{ "Brown", "brown" }, { "Johnson", "johnson" }, { "Weber", "weber" },
	{ "O'Brien", "obrien" }, { "García", "garcia" }, { "Novak", "novak" },
	{ "Wilson", "wilson" },
};

#define NAMES(f, m, lf, lm, dom, lang) \
	{ f, m, lf, lm, N_(f), N_(m), N_(lf), N_(lm), dom, lang }

/* Danish, Cyrillic, international; picked with the weights in demogen.c */
static const struct dg_names name_groups[] = {
	NAMES(dk_f, dk_m, dk_last, dk_last, "example.dk", "da"),
	NAMES(ru_f, ru_m, ru_last_f, ru_last_m, "example.ru", "ru"),
	NAMES(in_f, in_m, in_last, in_last, "example.com", "en"),
};

/* Towns by distance from the venue (Copenhagen), nearest first. */
static const struct {
	const char	*postcode;
	const char	*city;
	double		 km;	/* up to this distance */
} towns[] = {
	{ "1050", "København K", 1.5 }, { "1620", "København V", 3 },
	{ "2000", "Frederiksberg", 4 }, { "2100", "København Ø", 5 },
	{ "2200", "København N", 6 }, { "2300", "København S", 7 },
	{ "2400", "København NV", 8 }, { "2500", "Valby", 9 },
	{ "2700", "Brønshøj", 11 }, { "2900", "Hellerup", 13 },
	{ "2600", "Glostrup", 16 }, { "2800", "Kongens Lyngby", 20 },
	{ "2630", "Taastrup", 25 }, { "3400", "Hillerød", 35 },
	{ "4000", "Roskilde", 45 }, { "3000", "Helsingør", 55 },
	{ "4600", "Køge", 65 }, { "4700", "Næstved", 90 },
	{ "5000", "Odense C", 170 }, { "6000", "Kolding", 220 },
	{ "8000", "Aarhus C", 260 }, { "9000", "Aalborg", 1e9 },
};

static const char *const managers[] = {
	"Anne Holm", "Mikkel Dahl", "Olga Petrova", "Søren Ærø",
	"Camilla Friis", "Jens Kjær",
};

static const char *const retail_tags[] = {
	"member", "student", "senior", "press", "newsletter-2024",
};
static const char *const trade_tags[] = {
	"wholesale", "key-account", "north-region", "south-region",
};

#endif
