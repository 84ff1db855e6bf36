// A grouped bar chart drawn as inline SVG on the server: the dashboard's figures need no
// script, print as they look, and scale with the page.
//
//   BarChart chart{"Held, released and discarded per week", "description for screen readers",
//                  {"4 Mar", "11 Mar"}, {{"Held", "#c2750a", {3, 5}}, {"Released", "#00703c", {2, 4}}}};
//   page["chart"] = render_bar_chart(chart);
//
// Accessibility: the <svg> is role="img" with a <title> and <desc>; every bar has a <title>
// ("Held, week of 4 Mar: 3") for pointer users; pages show the same figures in a table.
// All text inside is escaped (html.h); colours are presentation attributes, which the
// console's Content-Security-Policy allows (no style attributes).
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "archive/web/template_value.h"

namespace chaperone::archive::web {

struct ChartSeries {
    std::string name;
    std::string colour;  // "#rrggbb" (ours, never user input)
    std::vector<std::int64_t> values;  // one per category
};

struct BarChart {
    std::string title;
    std::string description;
    std::vector<std::string> categories;
    std::vector<ChartSeries> series;
};

SafeHtml render_bar_chart(const BarChart& chart, const std::string& id);

// The smallest 1, 2 or 5 x 10^n at or above `value` (at least 1): the chart's top line.
std::int64_t nice_ceiling(std::int64_t value);

}  // namespace chaperone::archive::web
