// A released parent email goes on the case files, like one the milter delivered: the
// release goes out through a listener without the milter, so nothing else would file it.
//
//   release_held_message(store.quarantine(), config, id, actor, reason, force,
//                        released_filing(store, config));
//
// Filed as "out" to the envelope recipients that are roster contacts (as the roster is
// when it is released), to the children the held message's findings named (the entry's
// pupil_upns), by the filing rule. A message to no contact is not filed. With
// [archive] enabled = false nothing is filed.
//
// Thread-safety: as safe as the store (any thread).
#pragma once

#include <string_view>

#include "archive/quarantine/release.h"
#include "archive/store/store.h"
#include "policies/config/config.h"

namespace chaperone::archive {

// Files `sent_message` (the message as the relay took it). Status::ok() also when there
// was nothing to file.
Status file_released_message(Store& store, const policies::Config& config, const QuarantineEntry& entry,
                             std::string_view sent_message);

// The AfterSent step for release_held_message(); `store` and `config` must outlive it.
AfterSent released_filing(Store& store, const policies::Config& config);

}  // namespace chaperone::archive
