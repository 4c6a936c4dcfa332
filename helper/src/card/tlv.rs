//! BER-TLV as cards store it (PIV objects, PKCS#15 files, FCP templates),
//! decoded with asn1-rs, the DER/BER crate under x509-parser.

use x509_parser::asn1_rs::{Any, FromBer};

/// One data object: its tag as the first tag byte shows it, and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    /// Class, constructed bit and tag number in one byte (for example 0x30, 0xA4, 0x53);
    /// tags numbered 31 and above keep 0x1F in the low bits.
    pub tag: u8,
    /// The tag number, for the multi-byte tags.
    pub number: u32,
    pub value: &'a [u8],
}

/// Splits `data` into its top-level TLVs. Padding (00 or FF where a tag would
/// start, as cards leave at the end of a file) ends the list.
pub fn parse_all(data: &[u8]) -> Result<Vec<Tlv<'_>>, String> {
    let mut rest = data;
    let mut out = Vec::new();
    while let Some(&first) = rest.first() {
        if first == 0x00 || first == 0xFF {
            break;
        }
        let (next, any) =
            Any::from_ber(rest).map_err(|e| format!("bad BER-TLV at byte {}: {e}", data.len() - rest.len()))?;
        let header = &any.header;
        let number = header.tag().0;
        let low = if number < 31 { number as u8 } else { 0x1F };
        let tag = ((header.class() as u8) << 6) | if header.is_constructed() { 0x20 } else { 0 } | low;
        out.push(Tlv { tag, number, value: any.data });
        rest = next;
    }
    Ok(out)
}

/// The value of the first top-level TLV tagged `tag`, if `data` parses and has one.
pub fn find(data: &[u8], tag: u8) -> Option<&[u8]> {
    parse_all(data).ok()?.into_iter().find(|t| t.tag == tag).map(|t| t.value)
}

/// A big-endian unsigned number of at most 4 bytes (sizes, offsets, counters).
pub fn unsigned(bytes: &[u8]) -> Option<u32> {
    let bytes = match bytes {
        [0, rest @ ..] if !rest.is_empty() => rest,
        b => b,
    };
    (!bytes.is_empty() && bytes.len() <= 4).then(|| bytes.iter().fold(0u32, |n, &b| (n << 8) | u32::from(b)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tags_keep_class_and_constructed_bits() {
        let tlvs = parse_all(&[0x53, 0x02, 0x71, 0x00, 0xA4, 0x01, 0x00, 0xFE, 0x00]).unwrap();
        let tags: Vec<u8> = tlvs.iter().map(|t| t.tag).collect();
        assert_eq!(tags, vec![0x53, 0xA4, 0xFE]);
        assert_eq!(tlvs[0].value, &[0x71, 0x00]);
    }

    #[test]
    fn long_lengths_are_read() {
        let mut data = vec![0x70, 0x82, 0x01, 0x00];
        data.extend([7u8; 256]);
        assert_eq!(find(&data, 0x70).unwrap().len(), 256);
    }

    #[test]
    fn padding_ends_the_list() {
        assert_eq!(parse_all(&[0x04, 0x01, 0x09, 0x00, 0x00, 0xFF]).unwrap().len(), 1);
        assert_eq!(parse_all(&[0xFF, 0xFF]).unwrap().len(), 0);
    }

    #[test]
    fn a_truncated_value_is_an_error() {
        assert!(parse_all(&[0x30, 0x05, 0x01]).is_err());
    }

    #[test]
    fn unsigned_reads_sizes() {
        assert_eq!(unsigned(&[0x01, 0x00]), Some(256));
        assert_eq!(unsigned(&[0x00, 0x12, 0x34, 0x56, 0x78]), Some(0x1234_5678));
        assert_eq!(unsigned(&[]), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
        #[test]
        fn any_bytes_parse_or_fail_without_panic(data in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = parse_all(&data);
            let _ = find(&data, 0x30);
            let _ = unsigned(&data);
        }
    }
}
