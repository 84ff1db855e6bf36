// The stand-alone footer part; see footer_part_builder.h.
#include "policies/footer/footer_part_builder.h"

#include <string>

#include "pii/mime/gmime_ptr.h"
#include "policies/footer/charset_codec.h"
#include "policies/footer/part_content.h"

namespace chaperone::policies::footer {

GMimeObject* new_footer_part(std::string_view text_lf) {
    GMimeTextPart* part = g_mime_text_part_new_with_subtype("plain");
    bool ascii = is_ascii(text_lf);
    g_mime_object_set_content_type_parameter(GMIME_OBJECT(part), "charset", ascii ? "us-ascii" : "utf-8");
    g_mime_object_set_disposition(GMIME_OBJECT(part), "inline");
    g_mime_part_set_content_encoding(GMIME_PART(part), GMIME_CONTENT_ENCODING_7BIT);
    std::string content(text_lf);
    content.push_back('\n');
    // replace_decoded() picks quoted-printable for non-ASCII or over-long lines.
    (void)replace_decoded(GMIME_PART(part), content, {});
    return GMIME_OBJECT(part);
}

void ensure_mime_version(GMimeMessage* message) {
    if (!g_mime_object_get_header(GMIME_OBJECT(message), "MIME-Version"))
        g_mime_object_set_header(GMIME_OBJECT(message), "MIME-Version", "1.0", nullptr);
}

std::string_view add_footer_part(GMimeMessage* message, std::string_view text_lf) {
    pii::GPtr<GMimeObject> footer(new_footer_part(text_lf));
    GMimeObject* body = g_mime_message_get_mime_part(message);
    std::string_view how;
    if (!body) {
        g_mime_message_set_mime_part(message, footer.get());
        how = "created";
    } else if (GMIME_IS_MULTIPART(body) && g_ascii_strcasecmp(g_mime_content_type_get_media_subtype(
                                                                   g_mime_object_get_content_type(body)),
                                                               "mixed") == 0) {
        g_mime_multipart_add(GMIME_MULTIPART(body), footer.get());
        how = "appended";
    } else {
        pii::GPtr<GMimeObject> original = pii::adopt_ref(body);
        pii::GPtr<GMimeMultipart> mixed(g_mime_multipart_new_with_subtype("mixed"));
        g_mime_multipart_add(mixed.get(), original.get());
        g_mime_multipart_add(mixed.get(), footer.get());
        g_mime_message_set_mime_part(message, GMIME_OBJECT(mixed.get()));
        how = "wrapped";
    }
    ensure_mime_version(message);
    return how;
}

}  // namespace chaperone::policies::footer
