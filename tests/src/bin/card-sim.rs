//! `card-sim`: the card simulator outside the tests.
//!
//! - `card-sim serve`: starts pcscd with vpcd, puts a PIV card in the first reader
//!   and a PKCS#15 card in the second, and waits for Ctrl-C (for trying the page).
//! - `card-sim control`: starts pcscd with vpcd and takes commands on standard
//!   input, one per line, answering `ok` or `error: …` (the browser tests drive it):
//!   `insert READER CARD` (READER 0 or 1; CARD one of [`named::card`]'s names; a card
//!   already there is pulled out first, long enough for pcscd to notice),
//!   `remove READER`, `quit`.

use std::time::Duration;

use veiviser_tests::cards::certs::{issued, AUTHENTICATION, SIGNING};
use veiviser_tests::cards::pkcs15::{Discovery, Pkcs15Card};
use veiviser_tests::cards::{named, Log};
use veiviser_tests::pcscd::Pcscd;
use veiviser_tests::stack::{READER_0, READER_1};
use veiviser_tests::vpcd;

/// How long a reader stays empty when a card is swapped: twice pcscd's poll of vpcd (about 400 ms).
const SWAP_PAUSE: Duration = Duration::from_millis(800);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["serve"] => serve(),
        ["control"] => control(),
        _ => Err("usage: card-sim serve | card-sim control".into()),
    };
    if let Err(message) = result {
        eprintln!("card-sim: {message}");
        std::process::exit(1);
    }
}

fn control() -> Result<(), String> {
    let pcscd = Pcscd::start()?;
    let mut inserted: [Option<vpcd::Inserted>; 2] = [None, None];
    println!("ready");
    for line in std::io::stdin().lines() {
        let line = line.map_err(|e| format!("stdin: {e}"))?;
        let words: Vec<&str> = line.split_whitespace().collect();
        let answer = match words.as_slice() {
            ["insert", reader @ ("0" | "1"), card] => named::card(card).and_then(|card| {
                let reader: usize = reader.parse().expect("0 or 1");
                // Pull out what was there first, and leave the reader empty long enough
                // for pcscd to see it: a swap faster than its poll is no event at all.
                if inserted[reader].take().is_some() {
                    std::thread::sleep(SWAP_PAUSE);
                }
                let port = pcscd.vpcd_port + reader as u16;
                vpcd::insert(port, card).map(|c| inserted[reader] = Some(c)).map_err(|e| format!("vpcd: {e}"))
            }),
            ["remove", reader @ ("0" | "1")] => {
                inserted[reader.parse::<usize>().expect("0 or 1")] = None;
                Ok(())
            }
            ["quit"] => break,
            _ => Err(format!("unknown command `{line}`")),
        };
        match answer {
            Ok(()) => println!("ok"),
            Err(message) => println!("error: {message}"),
        }
    }
    Ok(())
}

fn serve() -> Result<(), String> {
    let pcscd = Pcscd::start()?;
    let _piv = vpcd::insert(pcscd.vpcd_port, named::mrs()).map_err(|e| format!("vpcd: {e}"))?;
    let pkcs15 = Pkcs15Card::new(
        &[
            issued("Buypass Class 3 CA 3", AUTHENTICATION, 2025, 2035),
            issued("ihelse.net Issuing CA4", SIGNING, 2025, 2035),
        ],
        Discovery::Aid,
        &Log::default(),
    );
    let _pkcs15 = vpcd::insert(pcscd.vpcd_port + 1, pkcs15).map_err(|e| format!("vpcd: {e}"))?;
    println!(
        "pcscd is running with a PIV card in \"{READER_0}\" and a PKCS#15 card in \"{READER_1}\". Ctrl-C stops."
    );
    let (stop, stopped) = std::sync::mpsc::channel::<()>();
    // Without a handler Ctrl-C would leave pcscd running; stdin closing also stops.
    std::thread::spawn(move || {
        let _ = std::io::stdin().read_line(&mut String::new());
        let _ = stop.send(());
    });
    let _ = stopped.recv();
    Ok(())
}
