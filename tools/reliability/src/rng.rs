//! The harness's seeded randomness — the dataset generator's SplitMix64, so every kill schedule
//! is reproducible from its seed — and the content fingerprint printed in `ACK` lines.

pub use reset_core::dataset::rng::SplitMix as Rng;

/// FNV-1a over `bytes`, as 16 hex digits: the content fingerprint in `ACK` lines.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence_and_known_fnv_vector() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs[0], xs[1]);
        // FNV-1a 64 reference value for "a".
        assert_eq!(fingerprint(b"a"), "af63dc4c8601ec8c");
        assert!((0..1000).all(|_| (10..20).contains(&(10 + a.below(10)))));
    }
}
