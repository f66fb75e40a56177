/* pdfix.h: force-included (-include) when a wrapper is built for the
 * fuzzers and sanitizer runs. m_pd.h's CLASS_MAINSIGNALIN computes the
 * field offset as &((type *)0)->field, which UBSan reports as a member
 * access within a null pointer in every wrapper's setup. The same offset,
 * computed with offsetof, so that real reports are not drowned. */
#include <stddef.h>
#include "m_pd.h"
#undef CLASS_MAINSIGNALIN
#define CLASS_MAINSIGNALIN(c, type, field) \
    class_domainsignalin(c, (int)offsetof(type, field))
