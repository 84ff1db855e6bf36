// Extraction throughput: a ~5 MB xlsx class list (generated here, shared strings and
// date-formatted DOB serials, as Excel writes them) and an 8 KB two-part message.
// Prints figures only; it is not a test.
//
//   build/bin/bench_extract [rows]        default 120000 rows (about 5 MB of xlsx)
//   BENCH_EXTRACT_SAVE_XLSX=FILE also writes the generated workbook there (for profiling).
#include <unistd.h>
#include <zip.h>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "pii/extract/message_extractor.h"

namespace {

using Clock = std::chrono::steady_clock;

const char* kForenames[] = {"Oliver", "Amelia", "Zoë", "Noah", "Isla", "Harry", "Ava", "Jack", "Mia", "Leo",
                            "Freya", "Arthur", "Ivy", "Oscar", "Grace", "Theo", "Lily", "Finley", "Rosie", "Alfie"};
const char* kSurnames[] = {"Bennett", "Clarke", "Dąbrowska", "Hughes", "Patel", "Okafor", "Nowak", "Evans", "Khan",
                           "Murphy", "Shaw", "Walsh", "Reid", "Mason", "Price", "Lloyd", "Kaur", "Doyle", "Baker", "Ward"};

std::string xml_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else out += c;
    }
    return out;
}

// An xlsx with `rows` pupils: name (shared string), DOB (serial, date style), postcode,
// UPN and phone (shared strings), email (inline string), reading age (number).
std::string make_xlsx(int rows) {
    std::string sst, sheet;
    int strings = 0;
    auto shared = [&](const std::string& s) {
        sst += "<si><t>" + xml_escape(s) + "</t></si>";
        return strings++;
    };
    sheet.reserve(static_cast<std::size_t>(rows) * 400);
    sheet += "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
    std::srand(7);
    for (int r = 1; r <= rows; ++r) {
        std::string name = std::string(kForenames[std::rand() % 20]) + " " + kSurnames[std::rand() % 20] + "-" + std::to_string(r);
        char postcode[16], upn[16], phone[24], email[64];
        std::snprintf(postcode, sizeof postcode, "LE%d %d%c%c", 1 + std::rand() % 19, std::rand() % 10, 'A' + std::rand() % 26, 'A' + std::rand() % 26);
        std::snprintf(upn, sizeof upn, "H80%010d", r);
        std::snprintf(phone, sizeof phone, "07700 900%03d", std::rand() % 1000);
        std::snprintf(email, sizeof email, "parent%d@parents.example", r);
        int dob = 41640 + std::rand() % 2900;
        std::string row = "<row r=\"" + std::to_string(r) + "\">";
        row += "<c r=\"A" + std::to_string(r) + "\" t=\"s\"><v>" + std::to_string(shared(name)) + "</v></c>";
        row += "<c r=\"B" + std::to_string(r) + "\" s=\"1\"><v>" + std::to_string(dob) + "</v></c>";
        row += "<c r=\"C" + std::to_string(r) + "\" t=\"s\"><v>" + std::to_string(shared(postcode)) + "</v></c>";
        row += "<c r=\"D" + std::to_string(r) + "\" t=\"s\"><v>" + std::to_string(shared(upn)) + "</v></c>";
        row += "<c r=\"E" + std::to_string(r) + "\" t=\"s\"><v>" + std::to_string(shared(phone)) + "</v></c>";
        row += "<c r=\"F" + std::to_string(r) + "\" t=\"inlineStr\"><is><t>" + std::string(email) + "</t></is></c>";
        row += "<c r=\"G" + std::to_string(r) + "\"><v>" + std::to_string(8 + std::rand() % 60 / 10.0).substr(0, 4) + "</v></c>";
        row += "</row>";
        sheet += row;
    }
    sheet += "</sheetData></worksheet>";
    sst = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" uniqueCount=\"" +
          std::to_string(strings) + "\">" + sst + "</sst>";
    const std::string ct =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>";
    const std::string rels =
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
    const std::string wb =
        "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Pupils\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    const std::string wbrels =
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>";
    const std::string styles =
        "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<numFmts><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>";

    std::filesystem::path path = std::filesystem::temp_directory_path() / ("bench-extract-" + std::to_string(::getpid()) + ".xlsx");
    int error = 0;
    zip_t* za = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!za) std::abort();
    const std::pair<const char*, const std::string*> parts[] = {
        {"[Content_Types].xml", &ct}, {"_rels/.rels", &rels}, {"xl/workbook.xml", &wb}, {"xl/_rels/workbook.xml.rels", &wbrels},
        {"xl/styles.xml", &styles}, {"xl/sharedStrings.xml", &sst}, {"xl/worksheets/sheet1.xml", &sheet}};
    for (const auto& [name, data] : parts) {
        zip_source_t* src = zip_source_buffer(za, data->data(), data->size(), 0);
        if (!src || zip_file_add(za, name, src, 0) < 0) std::abort();
    }
    if (zip_close(za) != 0) std::abort();
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::filesystem::remove(path);
    return bytes.str();
}

std::string make_message() {
    std::string plain, html;
    for (int i = 0; plain.size() < 3000; ++i) {
        plain += "Dear Mrs Bennett, thank you for the form for Oliver; the trip leaves at 09:30 on Monday " + std::to_string(i) + ".\n";
        html += "<p>Dear Mrs Bennett, thank you for the form for <b>Oliver</b>; the trip leaves at 09:30 on Monday " +
                std::to_string(i) + ".</p>\n";
    }
    return "From: Mr Teacher <teacher@school.example>\nTo: Sarah Bennett <sarah.bennett@parents.example>\n"
           "Subject: Year 6 trip\nDate: Mon, 02 Jun 2025 09:15:00 +0100\nMIME-Version: 1.0\n"
           "Content-Type: multipart/alternative; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\n" +
           plain + "--b1\nContent-Type: text/html; charset=utf-8\n\n<html><body>" + html + "</body></html>\n--b1--\n";
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Process CPU time: the machine may be shared, and extraction is single-threaded.
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

}  // namespace

int main(int argc, char** argv) {
    using namespace chaperone::pii;
    const int rows = argc > 1 ? std::atoi(argv[1]) : 120000;
    ExtractionLimits limits;

    std::string xlsx = make_xlsx(rows);
    if (const char* save = std::getenv("BENCH_EXTRACT_SAVE_XLSX")) std::ofstream(save, std::ios::binary) << xlsx;
    std::size_t text_bytes = 0;
    const int xlsx_runs = 5;
    auto start = Clock::now();
    double cpu_start = cpu_seconds();
    for (int i = 0; i < xlsx_runs; ++i) {
        Extraction e = extract_file(xlsx, "class-list.xlsx", limits);
        if (e.texts.empty() || e.attachments.empty() || e.attachments[0].protection != Protection::none) {
            std::fprintf(stderr, "xlsx not read: %s\n", e.attachments.empty() ? "?" : e.attachments[0].detail.c_str());
            return 1;
        }
        text_bytes = e.texts[0].text.size();
    }
    double per_run = seconds_since(start) / xlsx_runs;
    double cpu_per_run = (cpu_seconds() - cpu_start) / xlsx_runs;
    std::printf("xlsx class list: %d rows, %.2f MB file, %.2f MB text; per extraction %.1f ms CPU (%.1f ms wall): "
                "%.1f MB/s of xlsx (CPU)\n",
                rows, xlsx.size() / 1e6, text_bytes / 1e6, cpu_per_run * 1e3, per_run * 1e3, xlsx.size() / 1e6 / cpu_per_run);

    std::string raw = make_message();
    auto message = MimeMessage::parse(raw);
    if (!message) return 1;
    const int message_runs = 20000;
    start = Clock::now();
    cpu_start = cpu_seconds();
    for (int i = 0; i < message_runs; ++i) {
        Extraction e = extract_message(*message, limits);
        if (e.texts.empty()) return 1;
    }
    double extract_us = seconds_since(start) / message_runs * 1e6;
    double extract_cpu_us = (cpu_seconds() - cpu_start) / message_runs * 1e6;
    start = Clock::now();
    cpu_start = cpu_seconds();
    for (int i = 0; i < message_runs / 4; ++i) {
        auto parsed = MimeMessage::parse(raw);
        Extraction e = extract_message(*parsed, limits);
        if (e.texts.empty()) return 1;
    }
    double both_us = seconds_since(start) / (message_runs / 4) * 1e6;
    double both_cpu_us = (cpu_seconds() - cpu_start) / (message_runs / 4) * 1e6;
    std::printf("message: %.1f KB two-part (plain + html): extract %.1f us CPU (%.1f wall), parse + extract %.1f us CPU (%.1f wall)\n",
                raw.size() / 1024.0, extract_cpu_us, extract_us, both_cpu_us, both_us);
    return 0;
}
