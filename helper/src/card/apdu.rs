//! Command APDUs and the exchange with a card, behind the [`Transmit`] trait so
//! that card reading is plain functions, tested without PC/SC.

use std::fmt;

/// Status word: success.
pub const SW_OK: u16 = 0x9000;

/// The most one answer may hold after GET RESPONSE chaining; more is a broken card.
const MAX_RESPONSE: usize = 64 * 1024;
/// The most GET RESPONSE rounds for one command.
const MAX_ROUNDS: usize = 512;

/// Why talking to a card failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardError {
    /// The card was pulled out or reset by someone else while we read it.
    Gone(String),
    /// The reader or the smart-card service failed.
    Transport(String),
    /// The card answered something that makes no sense.
    Malformed(String),
}

impl fmt::Display for CardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CardError::Gone(what) => write!(f, "the card went away: {what}"),
            CardError::Transport(what) => write!(f, "the reader failed: {what}"),
            CardError::Malformed(what) => write!(f, "the card answered nonsense: {what}"),
        }
    }
}

/// Sends one command APDU and returns the raw response (data, then SW1 SW2).
pub trait Transmit {
    /// One exchange with the card.
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, CardError>;
}

/// A response APDU split into data and status word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub data: Vec<u8>,
    pub sw: u16,
}

impl Response {
    /// True for 9000.
    pub fn ok(&self) -> bool {
        self.sw == SW_OK
    }
}

/// Splits a raw response. No bytes at all is what the reader gives when the card
/// was pulled out during the command (pcsc-lite with vpcd); one byte is malformed.
pub fn split(raw: &[u8]) -> Result<Response, CardError> {
    match raw.len().checked_sub(2) {
        Some(n) => Ok(Response { data: raw[..n].to_vec(), sw: u16::from_be_bytes([raw[n], raw[n + 1]]) }),
        None if raw.is_empty() => Err(CardError::Gone("the card gave no answer at all (pulled out mid-command)".into())),
        None => Err(CardError::Malformed(format!("a response of {} byte(s), without status word", raw.len()))),
    }
}

/// Sends `apdu`, following 61xx with GET RESPONSE and 6Cxx with a resend of the right Le.
pub fn send<T: Transmit + ?Sized>(card: &mut T, apdu: &[u8]) -> Result<Response, CardError> {
    let mut response = split(&card.transmit(apdu)?)?;
    if response.sw >> 8 == 0x6C && apdu.len() >= 4 {
        // Wrong Le: the card says how many bytes it has; ask again with that.
        let mut again = apdu.to_vec();
        match again.len() {
            4 => again.push(response.sw as u8),
            _ => *again.last_mut().expect("not empty") = response.sw as u8,
        }
        response = split(&card.transmit(&again)?)?;
    }
    let mut data = std::mem::take(&mut response.data);
    let mut rounds = 0;
    while response.sw >> 8 == 0x61 {
        rounds += 1;
        if rounds > MAX_ROUNDS || data.len() > MAX_RESPONSE {
            return Err(CardError::Malformed("a response that never ends (GET RESPONSE chaining)".into()));
        }
        response = split(&card.transmit(&[0x00, 0xC0, 0x00, 0x00, response.sw as u8])?)?;
        data.append(&mut response.data);
    }
    Ok(Response { data, sw: response.sw })
}

/// SELECT by application identifier, asking for no answer data.
pub fn select_aid(aid: &[u8]) -> Vec<u8> {
    let mut apdu = vec![0x00, 0xA4, 0x04, 0x0C, aid.len() as u8];
    apdu.extend_from_slice(aid);
    apdu
}

/// SELECT with `p1` (00 file id, 08 path from the MF, 09 path from the current DF),
/// asking for the file's control parameters (which carry its size).
pub fn select_file(p1: u8, id_or_path: &[u8]) -> Vec<u8> {
    let mut apdu = vec![0x00, 0xA4, p1, 0x04, id_or_path.len() as u8];
    apdu.extend_from_slice(id_or_path);
    apdu.push(0x00);
    apdu
}

/// READ BINARY of `len` (1..=256, 0 meaning 256) bytes at `offset` (at most 0x7FFF).
pub fn read_binary(offset: u16, len: u8) -> Vec<u8> {
    let [hi, lo] = offset.to_be_bytes();
    vec![0x00, 0xB0, hi & 0x7F, lo, len]
}

/// The PIN tries a 4-byte VERIFY of `reference` with no data reports. Only for card
/// kinds known to answer it without counting a try (PIV, IDPrime).
/// Sent as it is, never through [`send`]: a resend with a "right" length byte
/// would be a VERIFY with data.
pub fn pin_tries_left<T: Transmit + ?Sized>(card: &mut T, reference: u8) -> Result<Option<u8>, CardError> {
    Ok(tries_left(split(&card.transmit(&[0x00, 0x20, 0x00, reference])?)?.sw))
}

/// The counter in a VERIFY answer: 63Cx is x tries left, 6983 is blocked; anything else tells nothing.
pub fn tries_left(sw: u16) -> Option<u8> {
    match sw {
        0x63C0..=0x63CF => Some((sw & 0x0F) as u8),
        0x6983 => Some(0),
        _ => None,
    }
}

/// The size of a file from its FCP (62) or FCI (6F) template: tag 80, else 81.
pub fn file_size(fcp: &[u8]) -> Option<usize> {
    let template = crate::card::tlv::find(fcp, 0x62).or_else(|| crate::card::tlv::find(fcp, 0x6F))?;
    let size = crate::card::tlv::find(template, 0x80).or_else(|| crate::card::tlv::find(template, 0x81))?;
    crate::card::tlv::unsigned(size).map(|n| n as usize)
}

/// READ BINARY with a short offset reaches this far; no file we read is larger.
pub const MAX_FILE: usize = 0x7FFF;
/// Some readers fail on longer reads.
const CHUNK: usize = 0xC0;

/// Reads bytes `start..end` of the selected file (`end` at most [`MAX_FILE`]) in
/// chunks of at most 0xC0 bytes, stopping early where the file ends.
pub fn read_selected<T: Transmit + ?Sized>(card: &mut T, start: usize, end: usize) -> Result<Vec<u8>, CardError> {
    let end = end.min(MAX_FILE);
    let mut data = Vec::new();
    let mut offset = start;
    while offset < end {
        let want = (end - offset).min(CHUNK);
        let response = send(card, &read_binary(offset as u16, want as u8))?;
        let got = response.data.len().min(want);
        data.extend_from_slice(&response.data[..got]);
        offset += got;
        match response.sw {
            SW_OK if got > 0 => {}
            // End of file before the size we expected (or no size was given).
            SW_OK | 0x6282 | 0x6B00 => break,
            sw if data.is_empty() => return Err(CardError::Malformed(format!("READ BINARY answered {sw:04X}"))),
            _ => break,
        }
    }
    Ok(data)
}

/// Lower-case hex, as the API reports ATRs.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
pub(crate) mod fake {
    //! A scripted card for the unit tests of the readers.
    use super::*;

    /// Answers commands from a function and records every APDU.
    pub struct Fake<F: FnMut(&[u8]) -> Vec<u8>> {
        pub answer: F,
        pub sent: Vec<Vec<u8>>,
    }

    impl<F: FnMut(&[u8]) -> Vec<u8>> Fake<F> {
        pub fn new(answer: F) -> Self {
            Fake { answer, sent: Vec::new() }
        }
    }

    /// A card answering each command with the next of `answers`, round and round (for fuzzing).
    pub fn replaying(answers: Vec<Vec<u8>>) -> Fake<impl FnMut(&[u8]) -> Vec<u8>> {
        let mut n = 0;
        Fake::new(move |_: &[u8]| {
            n += 1;
            answers[n % answers.len()].clone()
        })
    }

    impl<F: FnMut(&[u8]) -> Vec<u8>> Transmit for Fake<F> {
        fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, CardError> {
            self.sent.push(apdu.to_vec());
            Ok((self.answer)(apdu))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fake::Fake;
    use super::*;

    #[test]
    fn get_response_chaining_collects_every_part() {
        let mut card = Fake::new(|apdu: &[u8]| match apdu[1] {
            0xCB => vec![1, 2, 0x61, 0x02],
            0xC0 => vec![3, 4, 0x90, 0x00],
            _ => vec![0x6D, 0x00],
        });
        let response = send(&mut card, &[0x00, 0xCB, 0x3F, 0xFF, 0x00]).unwrap();
        assert_eq!(response, Response { data: vec![1, 2, 3, 4], sw: SW_OK });
        assert_eq!(card.sent[1], vec![0x00, 0xC0, 0x00, 0x00, 0x02]);
    }

    #[test]
    fn wrong_length_is_asked_again_with_the_length_the_card_gives() {
        let mut card = Fake::new(|apdu: &[u8]| if apdu[4] == 3 { vec![7, 8, 9, 0x90, 0x00] } else { vec![0x6C, 0x03] });
        assert_eq!(send(&mut card, &read_binary(0, 0xC0)).unwrap().data, vec![7, 8, 9]);
    }

    #[test]
    fn an_endless_chain_is_an_error_not_a_hang() {
        let mut card = Fake::new(|_: &[u8]| vec![0xAA; 254].into_iter().chain([0x61, 0x00]).collect());
        assert!(matches!(send(&mut card, &[0, 0xCB, 0, 0, 0]), Err(CardError::Malformed(_))));
    }

    #[test]
    fn the_counter_is_read_from_the_status_word() {
        assert_eq!(tries_left(0x63C2), Some(2));
        assert_eq!(tries_left(0x6983), Some(0));
        assert_eq!(tries_left(0x9000), None);
        assert_eq!(tries_left(0x6A88), None);
    }

    #[test]
    fn the_empty_verify_is_never_resent_with_a_length_byte() {
        let mut card = Fake::new(|_: &[u8]| vec![0x6C, 0x08]);
        assert_eq!(pin_tries_left(&mut card, 0x11).unwrap(), None);
        assert_eq!(card.sent, vec![vec![0x00, 0x20, 0x00, 0x11]]);
    }

    #[test]
    fn file_size_comes_from_the_fcp() {
        assert_eq!(file_size(&[0x62, 0x04, 0x80, 0x02, 0x01, 0x23]), Some(0x123));
        assert_eq!(file_size(&[0x6F, 0x03, 0x81, 0x01, 0x40]), Some(0x40));
        assert_eq!(file_size(&[]), None);
    }

    #[test]
    fn files_are_read_in_chunks_of_at_most_c0() {
        let file: Vec<u8> = (0..500u32).map(|i| i as u8).collect();
        let size = file.len();
        let mut fake = Fake::new(move |apdu: &[u8]| match apdu[1] {
            0xB0 => {
                let offset = usize::from(u16::from_be_bytes([apdu[2], apdu[3]]));
                let mut out = file[offset..(offset + usize::from(apdu[4])).min(size)].to_vec();
                out.extend([0x90, 0x00]);
                out
            }
            _ => vec![0x6D, 0x00],
        });
        assert_eq!(read_selected(&mut fake, 0, 500).unwrap().len(), 500);
        assert!(fake.sent.iter().all(|a| a[1] == 0xB0 && a[4] <= 0xC0));
    }

    #[test]
    fn a_one_byte_response_is_malformed_and_no_answer_means_the_card_went_away() {
        assert!(matches!(split(&[0x90]), Err(CardError::Malformed(_))));
        assert!(matches!(split(&[]), Err(CardError::Gone(_))));
    }
}
