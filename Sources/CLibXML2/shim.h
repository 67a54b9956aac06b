// libxml2 for Swift. Debian's headers pull in ICU, which clashes with Foundation's own ICU module in any
// module that imports both; undefine the ICU switch before the parser headers (see docs/design.md).
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/parserInternals.h>
