/* main.c - fonds: a terminal browser for archival document collections. */
#include "config.h"

#include "fonds/cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
