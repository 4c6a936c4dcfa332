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

/// Splits a raw response; fewer than two bytes is malformed.
pub fn split(raw: &[u8]) -> Result<Response, CardError> {
    match raw.len().checked_sub(2) {
        Some(n) => Ok(Response { data: raw[..n].to_vec(), sw: u16::from_be_bytes([raw[n], raw[n + 1]]) }),
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
    fn a_one_byte_response_is_malformed() {
        assert!(split(&[0x90]).is_err());
    }
}
