// zlib (Debian: zlib1g-dev; ZIPFoundation needs it on Linux too), for inflating the parts of an
// .xlsx workbook with every byte of input and output bounded by the reader.
#include <zlib.h>
