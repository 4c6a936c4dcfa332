//! Compressed certificates (PIV: gzip or zlib; IDPrime: zlib), inflated with a cap:
//! a zlib bomb is not a certificate, and never allocates more than one could be.

use std::io::Read;

/// No certificate on a card is larger than this once inflated.
pub const MAX_CERTIFICATE: usize = 32 * 1024;

/// Inflates gzip (`1F 8B ...`) or else zlib `data`, refusing more than `limit` bytes out
/// (at most [`MAX_CERTIFICATE`]).
pub fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    let limit = limit.min(MAX_CERTIFICATE);
    let mut out = Vec::new();
    let cap = limit as u64 + 1;
    let result = if data.starts_with(&[0x1F, 0x8B]) {
        flate2::read::GzDecoder::new(data).take(cap).read_to_end(&mut out)
    } else {
        flate2::read::ZlibDecoder::new(data).take(cap).read_to_end(&mut out)
    };
    result.map_err(|e| format!("compressed certificate does not decompress: {e}"))?;
    if out.len() > limit {
        return Err(format!("compressed certificate inflates to more than {limit} bytes"));
    }
    Ok(out)
}

#[cfg(test)]
pub(crate) mod testing {
    //! Compression for the unit tests.
    use std::io::Write;

    /// `data` as a zlib stream.
    pub fn zlib(data: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    /// `data` as gzip.
    pub fn gzip(data: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{gzip, zlib};
    use super::*;

    #[test]
    fn gzip_and_zlib_both_inflate() {
        assert_eq!(inflate(&gzip(b"certificate"), 100).unwrap(), b"certificate");
        assert_eq!(inflate(&zlib(b"certificate"), 100).unwrap(), b"certificate");
    }

    #[test]
    fn a_bomb_stops_at_the_limit() {
        let bomb = zlib(&vec![0u8; 8 << 20]);
        assert!(bomb.len() < 16 * 1024, "8 MiB of zeros compress to {} bytes", bomb.len());
        assert!(inflate(&bomb, usize::MAX).unwrap_err().contains("more than 32768"));
        assert!(inflate(&zlib(&[7u8; 200]), 100).is_err(), "the caller's limit holds too");
    }

    #[test]
    fn a_damaged_stream_is_an_error() {
        let mut stream = zlib(b"a certificate that is long enough to be damaged");
        let n = stream.len();
        stream.truncate(n / 2);
        assert!(inflate(&stream, 1000).is_err());
        assert!(inflate(b"", 1000).is_err() || inflate(b"", 1000).unwrap().is_empty());
    }
}
