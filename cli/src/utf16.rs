//! UTF-16 input (a log saved by a Windows editor or PowerShell's `>`), decoded to UTF-8 as it
//! is read. An unpaired surrogate or a last odd byte becomes U+FFFD, as `from_utf8_lossy` does.

use std::io::{self, Read};

/// Reads UTF-16 (without its byte order mark) from `inner` and gives UTF-8.
pub struct Utf16<R> {
    inner: R,
    big_endian: bool,
    /// Decoded text not handed out yet, from `at`.
    out: Vec<u8>,
    at: usize,
    /// A byte of a code unit whose other byte has not been read yet.
    odd: Option<u8>,
    /// A high surrogate waiting for its low half.
    high: Option<u16>,
    raw: Box<[u8]>,
}

impl<R: Read> Utf16<R> {
    /// `big_endian` as the byte order mark said (`FE FF`), else little-endian (`FF FE`).
    pub fn new(inner: R, big_endian: bool) -> Self {
        Utf16 {
            inner,
            big_endian,
            out: Vec::new(),
            at: 0,
            odd: None,
            high: None,
            raw: vec![0; 32 << 10].into_boxed_slice(),
        }
    }

    /// Decodes the next read of `inner` into `out`; false at the end of the input.
    fn decode_more(&mut self) -> io::Result<bool> {
        self.out.clear();
        self.at = 0;
        let n = loop {
            match self.inner.read(&mut self.raw) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                read => break read?,
            }
        };
        if n == 0 {
            if self.odd.take().is_some() || self.high.take().is_some() {
                push(&mut self.out, char::REPLACEMENT_CHARACTER);
            }
            return Ok(!self.out.is_empty());
        }
        let raw = std::mem::take(&mut self.raw);
        let mut bytes = raw[..n].iter().copied();
        while let Some(first) = self.odd.take().or_else(|| bytes.next()) {
            let Some(second) = bytes.next() else {
                self.odd = Some(first);
                break;
            };
            let pair = [first, second];
            let unit = if self.big_endian {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            };
            self.unit(unit);
        }
        self.raw = raw;
        Ok(true)
    }

    fn unit(&mut self, unit: u16) {
        let low = (0xDC00..=0xDFFF).contains(&unit);
        if let Some(high) = self.high.take() {
            if low {
                let c = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                push(&mut self.out, char::from_u32(c).unwrap_or('\u{FFFD}'));
                return;
            }
            push(&mut self.out, char::REPLACEMENT_CHARACTER);
        }
        if (0xD800..=0xDBFF).contains(&unit) {
            self.high = Some(unit);
        } else {
            push(
                &mut self.out,
                char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}'),
            );
        }
    }
}

fn push(out: &mut Vec<u8>, c: char) {
    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
}

impl<R: Read> Read for Utf16<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // A read of the input may decode to nothing (one odd byte): read on until it does not.
        while self.at == self.out.len() {
            if !self.decode_more()? {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], big_endian: bool, chunk: usize) -> String {
        /// Hands out at most `chunk` bytes a read, to split units and pairs between reads.
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(self.1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut text = String::new();
        Utf16::new(Trickle(bytes, chunk), big_endian)
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    #[test]
    fn decodes_both_byte_orders_split_anywhere() {
        let text = "{\"code\":\"600011\",\"msg\":\"获取token失败 😀\"}\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for chunk in [1, 2, 3, 5, 1000] {
            assert_eq!(decode(&le, false, chunk), text, "chunk {chunk}");
            assert_eq!(decode(&be, true, chunk), text, "chunk {chunk}");
        }
    }

    #[test]
    fn broken_units_become_replacement_characters() {
        // A lone low surrogate, a high one followed by a letter, a last odd byte.
        let bytes = [0x00, 0xDC, b'a', 0, 0x3D, 0xD8, b'b', 0, b'c'];
        assert_eq!(decode(&bytes, false, 1), "\u{FFFD}a\u{FFFD}b\u{FFFD}");
        // A high surrogate at the very end.
        assert_eq!(decode(&[b'x', 0, 0x3D, 0xD8], false, 2), "x\u{FFFD}");
    }
}
