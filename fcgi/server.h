/*
 * server.h - the responder's processes: a master that binds the socket and
 * keeps N workers alive, each worker with T threads in FCGX_Accept_r.
 */
#ifndef SALIENT_SERVER_H
#define SALIENT_SERVER_H

/* Runs the master until SIGTERM/SIGINT; returns the exit status. */
int server_run(const char *conf_file, const char *pid_file);

#endif
