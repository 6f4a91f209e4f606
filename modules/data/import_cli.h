/*
 * import_cli.h - the `salient import` command (see import_cli.c).
 */
#ifndef SALIENT_DATA_IMPORT_CLI_H
#define SALIENT_DATA_IMPORT_CLI_H

/* argv[0] = "import"; returns the exit status (0, 1 failed, 2 usage,
 * 3 --strict-refs and references to rows never imported). */
int	cmd_import(int argc, char **argv);

#endif
