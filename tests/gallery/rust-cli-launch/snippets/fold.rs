use memchr::memchr_iter;
use std::collections::HashMap;

pub fn fold(buf: &[u8], counts: &mut HashMap<Box<[u8]>, u64>) -> usize {
    let mut start = 0;
    let mut lines = 0;
    for end in memchr_iter(b'\n', buf) {
        let line = &buf[start..end];
        match counts.get_mut(line) {
            Some(n) => *n += 1,
            None => { counts.insert(line.into(), 1); }
        }
        start = end + 1;
        lines += 1;
    }
    if start < buf.len() {
        *counts.entry(buf[start..].into()).or_insert(0) += 1;
        lines += 1;
    }
    lines
}
