//! The fixed vocabularies of a check-in: emotion labels and life areas, aligned one to one
//! with HealthKit's `HKStateOfMind.Label` and `HKStateOfMind.Association` (iOS 18).
//!
//! Each word keeps the HealthKit raw value it has in the SDK, so the iOS shell can write a
//! check-in to Health without a lookup table of its own, and the stored bit masks use
//! `1 << (raw - 1)`: the raw values are Apple's and never change, so the masks are stable.
//! Must never grow a word HealthKit does not have — that would break the lossless mapping
//! (see `docs/healthkit-mood.md`).

use std::str::FromStr;

use crate::error::{Error, Result};

/// Declares a vocabulary enum with its snake_case code, HealthKit name and raw value, once.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $what:literal {
        $($(#[$vmeta:meta])* $variant:ident = $raw:literal, $code:literal, $hk:literal;)*
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Every word, in HealthKit raw-value order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The snake_case code used in JSON, the CLI and the database.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            /// The case name in HealthKit (`currentEvents`, `selfCare`, …).
            pub fn healthkit_name(self) -> &'static str {
                match self { $($name::$variant => $hk,)* }
            }

            /// The HealthKit raw value (1-based, as in the SDK's enum).
            pub fn healthkit_raw(self) -> u8 {
                match self { $($name::$variant => $raw,)* }
            }

            /// The bit this word occupies in a stored mask.
            pub fn bit(self) -> i64 {
                1_i64 << (self.healthkit_raw() - 1)
            }
        }

        impl FromStr for $name {
            type Err = Error;
            /// Accepts the snake_case code or the HealthKit name, in any case.
            fn from_str(text: &str) -> Result<Self> {
                let wanted = fold(text);
                Self::ALL
                    .iter()
                    .copied()
                    .find(|w| fold(w.code()) == wanted)
                    .ok_or_else(|| {
                        let words: Vec<&str> = Self::ALL.iter().map(|w| w.code()).collect();
                        Error::invalid($what, format!(concat!("not a known ", $what, "; one of: {}"), words.join(", ")))
                    })
            }
        }
    };
}

/// Lower-cases and drops `_`, `-` and spaces, so `self_care`, `selfCare` and `Self-Care` match.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

vocabulary! {
    /// A word for how the person feels, from HealthKit's `HKStateOfMind.Label`.
    EmotionLabel, "label" {
        Amazed = 1, "amazed", "amazed";
        Amused = 2, "amused", "amused";
        Angry = 3, "angry", "angry";
        Anxious = 4, "anxious", "anxious";
        Ashamed = 5, "ashamed", "ashamed";
        Brave = 6, "brave", "brave";
        Calm = 7, "calm", "calm";
        Content = 8, "content", "content";
        Disappointed = 9, "disappointed", "disappointed";
        Discouraged = 10, "discouraged", "discouraged";
        Disgusted = 11, "disgusted", "disgusted";
        Embarrassed = 12, "embarrassed", "embarrassed";
        Excited = 13, "excited", "excited";
        Frustrated = 14, "frustrated", "frustrated";
        Grateful = 15, "grateful", "grateful";
        Guilty = 16, "guilty", "guilty";
        Happy = 17, "happy", "happy";
        Hopeless = 18, "hopeless", "hopeless";
        Irritated = 19, "irritated", "irritated";
        Jealous = 20, "jealous", "jealous";
        Joyful = 21, "joyful", "joyful";
        Lonely = 22, "lonely", "lonely";
        Passionate = 23, "passionate", "passionate";
        Peaceful = 24, "peaceful", "peaceful";
        Proud = 25, "proud", "proud";
        Relieved = 26, "relieved", "relieved";
        Sad = 27, "sad", "sad";
        Scared = 28, "scared", "scared";
        Stressed = 29, "stressed", "stressed";
        Surprised = 30, "surprised", "surprised";
        Worried = 31, "worried", "worried";
        Annoyed = 32, "annoyed", "annoyed";
        Confident = 33, "confident", "confident";
        Drained = 34, "drained", "drained";
        Hopeful = 35, "hopeful", "hopeful";
        Indifferent = 36, "indifferent", "indifferent";
        Overwhelmed = 37, "overwhelmed", "overwhelmed";
        Satisfied = 38, "satisfied", "satisfied";
    }
}

vocabulary! {
    /// A part of life the feeling is about, from HealthKit's `HKStateOfMind.Association`.
    LifeArea, "area" {
        Community = 1, "community", "community";
        CurrentEvents = 2, "current_events", "currentEvents";
        Dating = 3, "dating", "dating";
        Education = 4, "education", "education";
        Family = 5, "family", "family";
        Fitness = 6, "fitness", "fitness";
        Friends = 7, "friends", "friends";
        Health = 8, "health", "health";
        Hobbies = 9, "hobbies", "hobbies";
        Identity = 10, "identity", "identity";
        Money = 11, "money", "money";
        Partner = 12, "partner", "partner";
        SelfCare = 13, "self_care", "selfCare";
        Spirituality = 14, "spirituality", "spirituality";
        Tasks = 15, "tasks", "tasks";
        Travel = 16, "travel", "travel";
        Work = 17, "work", "work";
        Weather = 18, "weather", "weather";
    }
}

/// Packs words into the integer mask stored in the database.
pub fn to_mask<T: Copy>(words: &[T], bit: impl Fn(T) -> i64) -> i64 {
    words.iter().fold(0, |mask, w| mask | bit(*w))
}

/// Unpacks a stored mask into words, in raw-value order.
pub fn from_mask<T: Copy>(mask: i64, all: &[T], bit: impl Fn(T) -> i64) -> Vec<T> {
    all.iter()
        .copied()
        .filter(|w| mask & bit(*w) != 0)
        .collect()
}

/// Parses a list of words, naming the offending one as `field[i]`; duplicates collapse.
pub fn parse_list<T: FromStr<Err = Error> + PartialEq>(
    field: &str,
    items: &[String],
) -> Result<Vec<T>> {
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let word = item.parse::<T>().map_err(|e| match e {
            Error::InvalidInput { reason, .. } => Error::invalid(format!("{field}[{i}]"), reason),
            other => other,
        })?;
        if !out.contains(&word) {
            out.push(word);
        }
    }
    Ok(out)
}

/// Removes duplicates while keeping the first occurrence's order.
pub fn dedup<T: PartialEq + Copy>(items: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(item) {
            out.push(*item);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabularies_have_healthkits_38_labels_and_18_associations_with_contiguous_raw_values() {
        assert_eq!(EmotionLabel::ALL.len(), 38);
        assert_eq!(LifeArea::ALL.len(), 18);
        for (i, l) in EmotionLabel::ALL.iter().enumerate() {
            assert_eq!(usize::from(l.healthkit_raw()), i + 1, "{l:?}");
        }
        for (i, a) in LifeArea::ALL.iter().enumerate() {
            assert_eq!(usize::from(a.healthkit_raw()), i + 1, "{a:?}");
        }
    }

    #[test]
    fn codes_match_the_json_names_and_parse_back_from_either_spelling() {
        for l in EmotionLabel::ALL {
            assert_eq!(serde_json::to_value(l).unwrap(), l.code());
            assert_eq!(l.code().parse::<EmotionLabel>().unwrap(), *l);
            assert_eq!(l.healthkit_name().parse::<EmotionLabel>().unwrap(), *l);
        }
        for a in LifeArea::ALL {
            assert_eq!(serde_json::to_value(a).unwrap(), a.code());
            assert_eq!(a.healthkit_name().parse::<LifeArea>().unwrap(), *a);
        }
        assert_eq!("Self-Care".parse::<LifeArea>().unwrap(), LifeArea::SelfCare);
    }

    #[test]
    fn masks_round_trip_every_subset_order_independently() {
        let picked = [LifeArea::Work, LifeArea::Community, LifeArea::Weather];
        let mask = to_mask(&picked, LifeArea::bit);
        assert_eq!(
            from_mask(mask, LifeArea::ALL, LifeArea::bit),
            vec![LifeArea::Community, LifeArea::Work, LifeArea::Weather]
        );
        let all = to_mask(EmotionLabel::ALL, EmotionLabel::bit);
        assert_eq!(all, (1_i64 << 38) - 1);
    }

    #[test]
    fn an_unknown_word_is_invalid_input_naming_its_position() {
        let err = parse_list::<EmotionLabel>("labels", &["calm".into(), "zen".into()]).unwrap_err();
        assert!(
            matches!(err, Error::InvalidInput { ref field, .. } if field == "labels[1]"),
            "{err:?}"
        );
        assert!(
            !err.to_string().contains("zen"),
            "the message must not echo input"
        );
    }
}
