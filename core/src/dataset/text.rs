//! Made-up journal prose for the heavy-user dataset: sentences assembled from everyday
//! phrases so lengths, word frequencies and search hits look like a real diary. Nothing here
//! is clinical content, and none of it is ever shown to a real person.

use super::rng::SplitMix;

const OPENERS: &[&str] = &[
    "This morning",
    "After work",
    "Tonight",
    "At lunch",
    "On the train home",
    "Before bed",
    "Around midday",
    "While walking the dog",
    "During the meeting",
    "After the call",
];

const EVENTS: &[&str] = &[
    "I noticed my chest getting tight before the deadline",
    "I went for a long walk in the park and the rain stopped",
    "my sister called and we laughed about the holiday",
    "the manager asked for the report again",
    "I slept badly and woke up tired and worried",
    "I cooked dinner for friends and it went well",
    "I skipped the gym and felt guilty about it",
    "the exam results came back better than expected",
    "I kept checking my phone instead of reading",
    "a neighbour helped with the garden",
    "the doctor's appointment was shorter than I feared",
    "I spent the evening on the budget and it felt manageable",
    "coffee with an old friend turned into a three-hour chat",
    "the train was late and I was anxious about being judged",
    "I tried the breathing exercise before the presentation",
    "music on the way home lifted the whole afternoon",
];

const REFLECTIONS: &[&str] = &[
    "I think the worry was bigger than the problem",
    "naming the feeling made it smaller",
    "I was kinder to myself than usual",
    "it reminded me that plans can change without disaster",
    "I could see the thought was mind reading, not evidence",
    "tomorrow I want to start earlier and take a proper break",
    "it felt calm for the first time this week",
    "I am grateful for small things like sunshine and tea",
    "the headache eased once I drank some water and rested",
    "it is fine to say no to the extra shift",
];

/// One phrase of `list`.
fn one(rng: &mut SplitMix, list: &[&'static str]) -> &'static str {
    list[rng.index(list.len())]
}

/// One sentence of roughly 10–25 words.
pub fn sentence(rng: &mut SplitMix) -> String {
    let mut s = String::new();
    s.push_str(one(rng, OPENERS));
    s.push(' ');
    s.push_str(one(rng, EVENTS));
    if rng.chance(0.6) {
        s.push_str(", and ");
        s.push_str(one(rng, REFLECTIONS));
    }
    s.push('.');
    s
}

/// A paragraph of `sentences` sentences (about 15 words each).
pub fn paragraph(rng: &mut SplitMix, sentences: usize) -> String {
    (0..sentences.max(1))
        .map(|_| sentence(rng))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A short check-in note (a few words to a sentence).
pub fn note(rng: &mut SplitMix) -> String {
    if rng.chance(0.5) {
        one(rng, REFLECTIONS).to_string()
    } else {
        sentence(rng)
    }
}

/// Tags a person might use, most common first.
pub const TAGS: &[&str] = &[
    "sleep", "work", "exercise", "family", "friends", "walk", "caffeine", "weather", "study",
    "therapy", "travel", "health",
];

/// Zero to three distinct tags, skewed towards the common ones.
pub fn tags(rng: &mut SplitMix) -> Vec<String> {
    let n = rng.index(4);
    let mut out: Vec<String> = Vec::with_capacity(n);
    for _ in 0..n {
        // The minimum of two draws favours the front of the list (sleep and work).
        let i = rng.index(TAGS.len()).min(rng.index(TAGS.len()));
        let tag = TAGS[i].to_string();
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    out
}
