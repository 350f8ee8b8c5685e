/* litx/litx.h - everything an out-of-tree plugin needs. */
#ifndef LITX_LITX_H
#define LITX_LITX_H
#include <litx/doc.h>
#include <litx/plugin.h>
#include <litx/formula.h>
#include <litx/pattern.h>
#endif
