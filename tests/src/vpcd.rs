//! A card simulator speaking the vpcd protocol: connecting to vpcd's port inserts
//! the card into that virtual reader, closing the connection removes it.
//!
//! Every message is a 2-byte big-endian length and a payload. A 1-byte payload
//! from vpcd is a control code; anything longer is a command APDU, answered with
//! the response APDU.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::thread::JoinHandle;

const POWER_OFF: u8 = 0x00;
const POWER_ON: u8 = 0x01;
const RESET: u8 = 0x02;
const GET_ATR: u8 = 0x04;

/// What a simulated card does: its answer to reset and its answers to APDUs.
pub trait CardApp: Send + 'static {
    /// The card's answer to reset.
    fn atr(&self) -> Vec<u8>;
    /// Answers one command APDU with data and status word. An empty answer pulls
    /// the card out of the reader there and then (a card removed mid-command).
    fn respond(&mut self, apdu: &[u8]) -> Vec<u8>;
    /// Called on power off and reset, when the card forgets any selection.
    fn reset(&mut self) {}
}

/// A card chosen at run time (by name, in `card-sim control`).
impl CardApp for Box<dyn CardApp> {
    fn atr(&self) -> Vec<u8> {
        (**self).atr()
    }
    fn respond(&mut self, apdu: &[u8]) -> Vec<u8> {
        (**self).respond(apdu)
    }
    fn reset(&mut self) {
        (**self).reset()
    }
}

/// An answer to reset for a T=1 card with these 8 historical bytes (with its check byte).
pub fn atr(historical: &[u8; 8]) -> Vec<u8> {
    let mut atr = vec![0x3B, 0x88, 0x80, 0x01];
    atr.extend_from_slice(historical);
    let check = atr[1..].iter().fold(0, |x, b| x ^ b);
    atr.push(check);
    atr
}

/// A card that knows no application: every command answers "instruction not supported".
pub struct BlankCard {
    pub atr: Vec<u8>,
}

impl CardApp for BlankCard {
    fn atr(&self) -> Vec<u8> {
        self.atr.clone()
    }
    fn respond(&mut self, _apdu: &[u8]) -> Vec<u8> {
        vec![0x6D, 0x00]
    }
}

/// A card in a virtual reader; dropping it (or [`Inserted::remove`]) pulls it out.
pub struct Inserted {
    stream: TcpStream,
    thread: Option<JoinHandle<io::Result<()>>>,
}

/// Inserts `card` into the virtual reader whose vpcd listens on 127.0.0.1:`port`.
pub fn insert(port: u16, mut card: impl CardApp) -> io::Result<Inserted> {
    let stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_nodelay(true)?;
    let mut reader = stream.try_clone()?;
    let thread = std::thread::spawn(move || serve(&mut reader, &mut card));
    Ok(Inserted { stream, thread: Some(thread) })
}

impl Inserted {
    /// Pulls the card out of the reader.
    pub fn remove(mut self) {
        self.pull();
    }

    fn pull(&mut self) {
        let _ = self.stream.shutdown(Shutdown::Both);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Inserted {
    fn drop(&mut self) {
        self.pull();
    }
}

fn serve(stream: &mut TcpStream, card: &mut impl CardApp) -> io::Result<()> {
    loop {
        let mut len = [0u8; 2];
        if stream.read_exact(&mut len).is_err() {
            return Ok(()); // vpcd went away or the card was pulled
        }
        // vpcd writes the length and the payload separately: without an immediate
        // ACK, Nagle on its side holds the payload back for a delayed ACK (~40 ms).
        #[cfg(target_os = "linux")]
        let _ = std::os::linux::net::TcpStreamExt::set_quickack(stream, true);
        let mut payload = vec![0u8; u16::from_be_bytes(len) as usize];
        stream.read_exact(&mut payload)?;
        #[cfg(target_os = "linux")]
        let _ = std::os::linux::net::TcpStreamExt::set_quickack(stream, true);
        let answer = match payload.as_slice() {
            [GET_ATR] => Some(card.atr()),
            [POWER_OFF] | [RESET] => {
                card.reset();
                None
            }
            [POWER_ON] => None,
            [_] => None,
            apdu => match card.respond(apdu) {
                pulled if pulled.is_empty() => {
                    let _ = stream.shutdown(Shutdown::Both);
                    return Ok(());
                }
                answer => Some(answer),
            },
        };
        if let Some(answer) = answer {
            let mut message = (answer.len() as u16).to_be_bytes().to_vec();
            message.extend_from_slice(&answer);
            stream.write_all(&message)?;
        }
    }
}
