// Counter event names; see counter_store.h.
#include "archive/store/counter_store.h"

namespace chaperone::archive {

std::string_view counter_event_name(CounterEvent event) {
    switch (event) {
        case CounterEvent::scanned: return "scanned";
        case CounterEvent::delivered: return "delivered";
        case CounterEvent::held: return "held";
        case CounterEvent::rejected: return "rejected";
        case CounterEvent::released: return "released";
        case CounterEvent::discarded: return "discarded";
        case CounterEvent::archived: return "archived";
    }
    return "scanned";
}

bool parse_counter_event(std::string_view name, CounterEvent& out) {
    for (CounterEvent e : {CounterEvent::scanned, CounterEvent::delivered, CounterEvent::held, CounterEvent::rejected,
                           CounterEvent::released, CounterEvent::discarded, CounterEvent::archived}) {
        if (name == counter_event_name(e)) {
            out = e;
            return true;
        }
    }
    return false;
}

bool counted_by_milter(CounterEvent event) {
    return event == CounterEvent::scanned || event == CounterEvent::delivered || event == CounterEvent::rejected;
}

}  // namespace chaperone::archive
