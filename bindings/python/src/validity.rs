//! A column's validity bits, packed as the rows are pushed: a row costs a shift and an OR, where
//! Arrow's `NullBufferBuilder` checked its state and capacity for each (about 30 instructions a
//! row and column, 6% of a `normalize_arrow` call; callgrind).

use arrow_buffer::{BooleanBuffer, Buffer, NullBuffer};

/// Which rows of a column hold a value, in Arrow's bit order (row `i` is bit `i % 64` of word
/// `i / 64`, the words little-endian).
pub struct Validity {
    /// The full words.
    words: Vec<u64>,
    /// The word being filled: its bits past `len % 64` are zero.
    word: u64,
    len: usize,
    nulls: usize,
}

impl Validity {
    pub fn with_capacity(rows: usize) -> Self {
        Validity {
            words: Vec::with_capacity(rows.div_ceil(64)),
            word: 0,
            len: 0,
            nulls: 0,
        }
    }

    #[inline(always)]
    pub fn push(&mut self, valid: bool) {
        self.nulls += usize::from(!valid);
        self.push_bits(u64::from(valid), 1);
    }

    /// Appends the `n` (0 to 64) low bits of `bits`, whose other bits are zero.
    #[inline(always)]
    fn push_bits(&mut self, bits: u64, n: usize) {
        let at = self.len % 64;
        self.word |= bits << at;
        self.len += n;
        if at + n >= 64 {
            self.words.push(self.word.to_le());
            // The bits that did not fit (none when the word was empty: `bits` filled it).
            // `n` is 0 only where `at + n` stays below 64.
            self.word = bits.checked_shr((64 - at) as u32).unwrap_or(0);
        }
    }

    /// Appends the rows `rows` of `tail` after these, a word at a time. `rows` starts on a
    /// word of `tail` (a thread's chunks are whole words of rows, `MIN_ROWS_PER_THREAD` in
    /// `batch.rs`); `false`, with nothing appended, when it does not or ends past `tail`.
    pub fn append_range(&mut self, tail: &Validity, rows: std::ops::Range<usize>) -> bool {
        if !rows.start.is_multiple_of(64) || rows.end > tail.len {
            return false;
        }
        for at in rows.clone().step_by(64) {
            let n = (rows.end - at).min(64);
            let word = tail
                .words
                .get(at / 64)
                .map_or(tail.word, |w| u64::from_le(*w));
            let bits = word & (u64::MAX >> (64 - n));
            self.nulls += n - bits.count_ones() as usize;
            self.push_bits(bits, n);
        }
        true
    }

    /// How many rows were pushed.
    pub fn len(&self) -> usize {
        self.len
    }

    /// The bits as Arrow's null buffer: none when every row holds a value.
    pub fn finish(self) -> Option<NullBuffer> {
        if self.nulls == 0 {
            return None;
        }
        // The word being filled, even if empty: a word past the last row is allowed.
        let mut words = self.words;
        words.push(self.word.to_le());
        let bits = BooleanBuffer::new(Buffer::from_vec(words), 0, self.len);
        Some(NullBuffer::new(bits))
    }
}
