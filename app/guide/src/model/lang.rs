//! The languages of the interface: Norwegian bokmål (the default), Swedish and English.
//! Guides may be written in other languages too; their files name them by code.

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Nb,
    Sv,
    En,
}

impl Lang {
    /// Every language, in the order the switcher shows them.
    pub const ALL: [Lang; 3] = [Lang::Nb, Lang::Sv, Lang::En];

    /// The language code (`nb`, `sv`, `en`), as in file names and `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// The language from its code.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's name in itself.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Nb => "Norsk bokmål",
            Lang::Sv => "Svenska",
            Lang::En => "English",
        }
    }
}

/// `text` as it reads inside a quotation that opens with `outer`: quotes of the
/// same kind inside it become the inner ones, as each language writes them
/// (bokmål «Trykk ‹Skriv under›», English “Press ‘Sign’”, Swedish ”Tryck ’Skriv under’”),
/// so a step title that quotes a button never shows «Trykk «Skriv under»».
pub fn nested_in(outer: char, text: &str) -> String {
    let inner = |c: char| match (outer, c) {
        ('«', '«') => '‹',
        ('«', '»') => '›',
        ('“', '“') => '‘',
        ('“', '”') => '’',
        ('”', '”') => '’',
        _ => c,
    };
    text.chars().map(inner).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_inside_a_quotation_of_the_same_kind_become_the_inner_ones() {
        assert_eq!(nested_in('«', "Trykk «Skriv under»"), "Trykk ‹Skriv under›");
        assert_eq!(nested_in('“', "Press “Skriv under”"), "Press ‘Skriv under’");
        assert_eq!(nested_in('”', "Tryck ”Skriv under”"), "Tryck ’Skriv under’");
        // Other quotes, and text outside any quotation, are left as written.
        assert_eq!(nested_in('”', "Trykk «Skriv under»"), "Trykk «Skriv under»");
        assert_eq!(nested_in(' ', "Trykk «Skriv under»"), "Trykk «Skriv under»");
    }

    #[test]
    fn codes_round_trip_and_bokmal_is_the_default() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("nn"), None);
        assert_eq!(Lang::default(), Lang::Nb);
    }
}
