/* notplugin.c - a shared object without the plugin descriptor: the host must say
 * it is not a litx plugin and go on. */
int litx_test_not_a_plugin(void);

int litx_test_not_a_plugin(void)
{
	return 42;
}
