//! The simulated cards by name: the ones `card-sim` puts in the readers for the
//! browser tests and for trying the page, and the ones the helper's benchmark reads.

use super::certs::{issued, AUTHENTICATION, SIGNING};
use super::idprime::{atrs, IdPrimeCard, SilentCard};
use super::piv::{PivCard, Slot};
use super::pkcs15::{Discovery, Pkcs15Card};
use super::Log;
use crate::vpcd;

/// The MRS card: a PIV card whose authentication certificate is from ihelse.net
/// Issuing CA4 (the one to pick), with a Buypass signing certificate beside it.
pub fn mrs() -> PivCard {
    PivCard::new(&Log::default())
        .with(Slot::Authentication, &issued("ihelse.net Issuing CA4", AUTHENTICATION, 2024, 2034), false)
        .with(Slot::Signature, &issued("Buypass Class 3 CA 3", SIGNING, 2024, 2034), true)
}

/// A SITHS eID card (IDPrime 940): the authentication certificate compressed, the signing one plain.
pub fn siths_eid(log: &Log) -> IdPrimeCard {
    let ca = "SITHS e-id Person HSA-id 3 CA v1";
    IdPrimeCard::new(&atrs::SITHS_940, log)
        .with(0, false, &issued(ca, AUTHENTICATION, 2024, 2034), true)
        .with(1, true, &issued(ca, SIGNING, 2024, 2034), false)
}

/// The cards of the browser tests and `card-sim control`, by name.
pub fn card(name: &str) -> Result<Box<dyn vpcd::CardApp>, String> {
    let log = Log::default();
    let siths = |tries| {
        PivCard::new(&log)
            .with(Slot::Authentication, &issued("SITHS e-id Person HSA-id 3 CA v1", AUTHENTICATION, 2024, 2034), false)
            .with(Slot::Signature, &issued("SITHS e-id Person HSA-id 3 CA v1", SIGNING, 2024, 2034), false)
            .pin_tries(tries)
    };
    Ok(match name {
        "mrs" => Box::new(mrs()),
        "siths" => Box::new(siths(3)),
        "siths-one-try" => Box::new(siths(1)),
        "siths-blocked" => Box::new(siths(0)),
        // A card without the Buypass certificate the home-office guide expects.
        "no-buypass" => Box::new(Pkcs15Card::new(
            &[issued("ihelse.net Issuing CA4", AUTHENTICATION, 2024, 2034)],
            Discovery::Aid,
            &log,
        )),
        "idprime" => Box::new(siths_eid(&log)),
        // A Buypass ID smartcard: named by its ATR, nothing on it answers the helper.
        "buypass" => Box::new(SilentCard { atr: atrs::BUYPASS.to_vec(), log }),
        other => {
            return Err(format!(
                "no card named `{other}`: mrs, siths, siths-one-try, siths-blocked, no-buypass, idprime, buypass"
            ))
        }
    })
}
