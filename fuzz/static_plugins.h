/* static_plugins.h - the built-in plugins as a litx_host, without dlopen. */
#ifndef LITX_FUZZ_STATIC_PLUGINS_H
#define LITX_FUZZ_STATIC_PLUGINS_H
#include "host.h"
int fz_static_host(litx_host *h);
void fz_static_host_free(litx_host *h);
#endif
