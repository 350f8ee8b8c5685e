/* good_twin.c - the good plugin again under another file name: the host must skip
 * it, since a plugin named "good" is already loaded (good.so sorts first). */
#include "good.c"
