// The libmilter callbacks: thin glue from the milter protocol to CollectedMessage and
// MessageProcessor. Per-message state is created at MAIL FROM and released at end of
// message, abort and close; close copes with no state at all.
//
// Thread-safety: libmilter runs one thread per SMTP connection; callbacks touch only their
// connection's private data and the Engine (which is internally locked).
#pragma once

#include <libmilter/mfapi.h>

#include "milter/engine.h"

namespace chaperone::milter {

// Must be called once, before smfi_register(), with an engine that outlives smfi_main().
void set_callback_engine(Engine* engine);

// The filter description for smfi_register().
smfiDesc make_filter_description();

}  // namespace chaperone::milter
