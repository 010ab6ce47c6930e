// Package rules parses rule packs, compiles them into a Set, and finds
// where a post matches them.
//
// # Rule packs
//
// A pack is a YAML file:
//
//	pack: harassment                 # the pack's name (required)
//	description: Insults aimed at someone.
//	rules:
//	  - id: zh.harassment.shabi      # unique across every loaded pack
//	    category: harassment         # one of Categories
//	    severity: high               # 1-5, or note, low, medium, high, critical
//	    gloss: 傻逼 is a crude insult; reads as a strong personal attack.
//	    terms: [傻逼, 傻b, 煞笔]      # matched after normalisation
//	    languages: [zh]              # optional: only text in these languages
//	    not_languages: [ja]          # optional: never text in these languages
//	    match: word                  # word (default), substring, or alone (all the post says)
//	    pinyin: true                 # also match shabi, sha bi, sb (in Chinese text)
//	    exceptions: [傻逼兮兮的猫]     # optional innocent terms holding a term
//	    regex: ['1[3-9]\d{9}']        # optional RE2 patterns (with or without terms)
//	    when: [电话, call]            # optional literal gates: run the patterns only if one occurs
//	    when_digits: 11              # optional gate: run them only on posts with 11+ digits
//	    examples:                    # optional self-tests, run by Set.Test
//	      match: [你就是个傻逼]
//	      no_match: [傻瓜相机]
//
// A pack with any problem — a YAML syntax error, an unknown key, category or
// language, a missing field, an empty or duplicated term, a duplicate id —
// is rejected whole, and every problem is reported at once in an ErrorList
// with file:line:col positions.
//
// # Matching
//
// Compile puts every term and exception of every rule into one
// Aho–Corasick automaton, so a post is searched once whatever the number of
// rules. Before the search, text is normalised to undo evasions: NFKC
// (full-width, half-width and compatibility forms), lower-casing,
// diacritics, Traditional to Simplified Chinese, invisible characters,
// look-alike letters of other scripts inside Latin words, leetspeak inside
// words with letters, separators between single letters, repeated letters,
// and split Chinese characters; invalid UTF-8 is read as U+FFFD. Terms are
// normalised the same way when compiled, and a term's own double letters
// must still be there ("as" does not match "ass"). Every match is reported
// with byte offsets into the original text, the original bytes, the term
// that matched and the normalisation steps that revealed it.
//
// A rule's regex patterns (Go regexp, linear time) catch what a word list
// cannot: phone numbers, e-mail addresses, handles. They are matched on the
// text after the per-character steps only (NFKC, lower-casing, diacritics,
// Traditional to Simplified, invisible characters), since leetspeak and
// separator folding would destroy what they look for, and they run only on
// posts that open one of their gates: near each occurrence of a when
// literal (48 bytes before it to 96 after), or on the whole post when it
// has when_digits digits; a rule with no gate runs its patterns on every
// post. Word
// boundaries are the pattern's own business.
//
// A rule with pinyin set also matches the romanised forms of its Chinese
// terms (full pinyin, joined and spaced, initials, and for terms of two to
// four characters the forms half in characters, half in pinyin: 傻bi,
// sha逼), as whole words and only in its languages, or in Chinese when it
// names none.
//
// A match is then kept only if:
//   - for word rules, no letter or digit of a script written with spaces
//     continues it on either side in the original text (Han, kana and Thai
//     have no word boundaries, so terms in them match anywhere);
//   - it does not lie inside an occurrence of one of the rule's exceptions,
//     nor inside one of the built-in innocent phrases every set holds
//     ("magna cum laude", "Dick Van Dyke", "操场");
//   - its language passes the rule's languages / not_languages scope. The
//     language of a match is that of the language span it starts in, else
//     the post's. A rule with languages applies only where the language is
//     known; "zh" covers "zh-Hans" and "zh-Hant".
//
// Within one rule, matches do not overlap: the leftmost, then longest,
// wins. Matches of different rules may overlap.
//
// # Concurrency
//
// Packs are plain values. A compiled Set is immutable and safe for
// concurrent use; swap sets atomically to change rules under load.
package rules
