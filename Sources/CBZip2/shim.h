// libbz2 (Debian: libbz2-dev), for reading published files shipped as .csv.bz2.
#include <bzlib.h>
