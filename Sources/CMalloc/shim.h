// glibc's malloc tuning (mallopt, malloc_trim and their M_* parameters):
// <malloc.h> is not part of Swift's Glibc module.
#ifdef __linux__
#include <malloc.h>
#endif
