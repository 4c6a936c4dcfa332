//! The stamp of the files a page was built from: a page whose files have
//! changed since (an organisation edited `content/` on the server) is not shown
//! as it stands. `public/start.js` computes the same stamp from the files it
//! fetches and compares.

/// The stamp of `texts`, in order: each one's 32-bit FNV-1a hash of its UTF-8
/// bytes, in hex, joined by dots. A missing file counts as empty; a leading
/// byte-order mark does not count (the browser's `text()` drops it).
pub fn stamp(texts: &[&str]) -> String {
    let hash = |text: &str| fnv1a(text.strip_prefix('\u{feff}').unwrap_or(text).as_bytes());
    texts.iter().map(|text| format!("{:08x}", hash(text))).collect::<Vec<_>>().join(".")
}

fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |hash, byte| (hash ^ u32::from(*byte)).wrapping_mul(0x0100_0193))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stamp_is_fnv1a_of_each_file_in_order() {
        // Published FNV-1a 32 test values.
        assert_eq!(stamp(&["", "a", "foobar"]), "811c9dc5.e40c292c.bf9cf968");
    }

    #[test]
    fn any_edit_changes_the_stamp() {
        assert_ne!(stamp(&["## PIN {#pin}"]), stamp(&["## PIN {#pin} "]));
        assert_ne!(stamp(&["ø"]), stamp(&["o"]));
    }

    #[test]
    fn a_byte_order_mark_is_not_an_edit() {
        assert_eq!(stamp(&["\u{feff}## A"]), stamp(&["## A"]));
    }
}
