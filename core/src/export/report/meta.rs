//! Document metadata: the Info dictionary's date, the XMP packet (title, language, creator
//! tool, dates, page count, document id) and the trailer's file ID.
//!
//! Owns what identifies the file. Must never hold personal data (the title is the date
//! range only) or anything that varies between runs for the same snapshot (no clock, no
//! random instance id: every value derives from the snapshot).

use chrono::{Datelike, Timelike};
use pdf_writer::Date;

/// What the painter needs besides the pages.
pub struct Meta<'a> {
    /// Document title (no personal data).
    pub title: &'a str,
    /// Footer text on every page.
    pub footer: &'a str,
    /// When the report was generated (UTC), for the document information.
    pub created: chrono::DateTime<chrono::Utc>,
    /// A stable document id (32 hex digits).
    pub document_id: String,
}

/// `t` as a PDF date in UTC.
pub fn pdf_date(t: chrono::DateTime<chrono::Utc>) -> Date {
    Date::new(u16::try_from(t.year()).unwrap_or(2000))
        .month(t.month() as u8)
        .day(t.day() as u8)
        .hour(t.hour() as u8)
        .minute(t.minute() as u8)
        .second(t.second() as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// The trailer's `/ID`: the document id's 16 bytes (its text if it is not hex).
pub fn file_id(document_id: &str) -> Vec<u8> {
    hex::decode(document_id).unwrap_or_else(|_| document_id.as_bytes().to_vec())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The XMP metadata packet (ISO 16684-1), mirroring the Info dictionary.
pub fn xmp(meta: &Meta<'_>, pages: usize, lang: &str) -> String {
    let date = meta.created.format("%Y-%m-%dT%H:%M:%S+00:00");
    let title = escape(meta.title);
    let lang = escape(lang);
    let id = escape(&meta.document_id);
    format!(
        concat!(
            "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>",
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">",
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">",
            "<rdf:Description rdf:about=\"\"",
            " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"",
            " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"",
            " xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"",
            " xmlns:xmpTPg=\"http://ns.adobe.com/xap/1.0/t/pg/\"",
            " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">",
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>",
            "<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>",
            "<dc:format>application/pdf</dc:format>",
            "<xmp:CreatorTool>Reset Companion</xmp:CreatorTool>",
            "<xmp:CreateDate>{date}</xmp:CreateDate>",
            "<xmp:ModifyDate>{date}</xmp:ModifyDate>",
            "<xmpTPg:NPages>{pages}</xmpTPg:NPages>",
            "<xmpMM:DocumentID>uuid:{id}</xmpMM:DocumentID>",
            "<xmpMM:InstanceID>uuid:{id}</xmpMM:InstanceID>",
            "<pdf:PDFVersion>1.7</pdf:PDFVersion>",
            "</rdf:Description></rdf:RDF></x:xmpmeta>",
            "<?xpacket end=\"r\"?>"
        ),
        title = title,
        lang = lang,
        date = date,
        pages = pages,
        id = id,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_xmp_packet_escapes_the_title_and_names_the_document() {
        let meta = Meta {
            title: "A & B <report>",
            footer: "",
            created: chrono::DateTime::from_timestamp(1_806_483_600, 0).unwrap(),
            document_id: "00112233445566778899aabbccddeeff".into(),
        };
        let x = xmp(&meta, 7, "en-GB");
        assert!(x.contains(">A &amp; B &lt;report&gt;<"), "{x}");
        assert!(x.contains("<xmpTPg:NPages>7<"));
        assert!(x.contains("uuid:00112233445566778899aabbccddeeff"));
        assert!(
            x.contains("<xmp:CreateDate>2027-03-31T09:00:00+00:00<"),
            "{x}"
        );
        assert_eq!(file_id(&meta.document_id).len(), 16);
    }
}
