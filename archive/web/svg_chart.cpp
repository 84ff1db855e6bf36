// Server-rendered SVG bar charts; see svg_chart.h.
#include "archive/web/svg_chart.h"

#include <algorithm>

#include <fmt/format.h>

#include "archive/web/html.h"

namespace chaperone::archive::web {
namespace {

constexpr double kWidth = 800, kHeight = 300;
constexpr double kLeft = 56, kRight = 12, kTop = 16, kBottom = 44;
constexpr int kGridLines = 4;

std::string number(std::int64_t n) {
    std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

}  // namespace

std::int64_t nice_ceiling(std::int64_t value) {
    if (value <= 1) return 1;
    std::int64_t scale = 1;
    for (;;) {
        for (std::int64_t step : {1, 2, 5}) {
            if (step * scale >= value) return step * scale;
        }
        scale *= 10;
    }
}

SafeHtml render_bar_chart(const BarChart& chart, const std::string& id) {
    std::int64_t max = 0;
    for (const auto& s : chart.series) {
        for (auto v : s.values) max = std::max(max, v);
    }
    // The top grid line: a multiple of kGridLines so every line lands on a whole number.
    std::int64_t top = nice_ceiling(std::max<std::int64_t>(max, kGridLines));
    if (top % kGridLines != 0) top = (top / kGridLines + 1) * kGridLines;
    const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
    const std::size_t groups = std::max<std::size_t>(chart.categories.size(), 1);
    const std::size_t bars = std::max<std::size_t>(chart.series.size(), 1);
    const double group_w = plot_w / static_cast<double>(groups);
    const double bar_w = std::max(1.0, group_w * 0.8 / static_cast<double>(bars));

    std::string svg = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"{}-title {}-desc\" "
        "font-family=\"system-ui, sans-serif\" font-size=\"13\">",
        kWidth, kHeight, id, id);
    svg += fmt::format("<title id=\"{}-title\">{}</title><desc id=\"{}-desc\">{}</desc>", id, html_escape(chart.title), id,
                       html_escape(chart.description));
    for (int i = 0; i <= kGridLines; ++i) {
        double y = kTop + plot_h - plot_h * i / kGridLines;
        std::int64_t label = top * i / kGridLines;
        svg += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" stroke-width=\"1\"/>",
                           kLeft, y, kWidth - kRight, y, i == 0 ? "#0b0c0c" : "#b1b4b6");
        svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\" fill=\"#0b0c0c\">{}</text>", kLeft - 8, y + 4,
                           number(label));
    }
    // Label every category when they fit, else every second / fourth one.
    std::size_t label_every = groups <= 16 ? 1 : groups <= 32 ? 2 : 4;
    for (std::size_t g = 0; g < chart.categories.size(); ++g) {
        double gx = kLeft + group_w * static_cast<double>(g) + group_w * 0.1;
        for (std::size_t s = 0; s < chart.series.size(); ++s) {
            const auto& series = chart.series[s];
            std::int64_t v = g < series.values.size() ? series.values[g] : 0;
            double h = plot_h * static_cast<double>(v) / static_cast<double>(top);
            double x = gx + bar_w * static_cast<double>(s);
            double y = kTop + plot_h - h;
            svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\">"
                               "<title>{}, week of {}: {}</title></rect>",
                               x, y, std::max(bar_w - 1.0, 0.5), h, series.colour, html_escape(series.name),
                               html_escape(chart.categories[g]), number(v));
        }
        if (g % label_every == 0) {
            svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"#0b0c0c\">{}</text>",
                               kLeft + group_w * (static_cast<double>(g) + 0.5), kHeight - kBottom + 20,
                               html_escape(chart.categories[g]));
        }
    }
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"#484949\">Week beginning</text>",
                       kLeft + plot_w / 2, kHeight - 6);
    svg += "</svg>";
    return SafeHtml{std::move(svg)};
}

}  // namespace chaperone::archive::web
