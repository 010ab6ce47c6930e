// Package langdetect identifies the language of short social-media posts
// written in Chinese, English and the other languages of a bilingual
// lifestyle community, and splits code-switched posts into language spans
// so that moderation rules can be scoped to the language of the words they
// match.
//
// # Approach
//
// Detection looks at the script of every letter before it consults any
// statistical model:
//
//  1. Strip what carries no language: URLs, bare domain names with a path
//     or a common top-level domain, e-mail addresses, @mentions, #hashtags
//     (including Xiaohongshu's "#topic[话题]#" form), sticker codes such as
//     "[赞R]", emoji, digits, punctuation, symbols, invalid UTF-8 (read as
//     U+FFFD) and single letters inside kaomoji such as (´д｀).
//  2. Group the remaining letters into runs of one script, separated only by
//     the stripped characters.
//  3. Decide each run by its script where the script leaves no choice:
//     Hangul is Korean, Thai script is Thai, Cyrillic is Russian when Russian
//     is the only configured Cyrillic-script language, and so on.
//  4. Han and kana are Japanese when the text has kana (a lone の between Han
//     characters, a common borrowing in Chinese posts, does not count) or
//     when Japanese-only kanji forms (気 駅 込 売 広 円 …) make up at least a
//     tenth of the Han characters; otherwise they are Chinese, Simplified
//     (zh-Hans) or Traditional (zh-Hant) by the count of Simplified-only
//     against Traditional-only characters. Ties, including texts with no
//     variant evidence, are zh-Hans. The character classes come from the
//     Unicode Han Database (kSimplifiedVariant, kTraditionalVariant, and the
//     GB 2312, Big Five, kTGH, Jōyō and Jinmeiyō sets); see
//     internal/hanzi/gen.
//  5. Runs of a script shared by several configured languages (Latin for
//     en es fr de pt vi id it tr) go to github.com/pemistahl/lingua-go,
//     restricted to those languages: all runs of one script in a text are
//     classified together, in one call, so a post's Latin-script words get
//     one language.
//
// Runs lighter than 3 units (see weights below: "ok", "sb", one kana) are
// too short to judge and take the language of the nearest judged run, so
// "你真是个sb" is one Chinese span. A text whose judged runs weigh less
// than 3 units is Undetermined, with confidence 0.
//
// # Primary language, weights and spans
//
// Result.Language is the language with the most letter weight. A letter of
// an alphabet counts 1; a Han character 3.4, a Hangul syllable 2.5, a kana
// 1.5, an Arabic letter 1.4 and a Thai letter 1.2. These are the ratios of
// letters in the English Universal Declaration of Human Rights to letters
// in its translations, so that the same content weighs the same in any
// script: a Han character carries most of an English word.
// "Welcome TikTok refugees! 欢迎来到小红书" weighs 21 in English and 23.8
// in Chinese, so its primary language is zh-Hans.
//
// Result.Spans covers every judged run. Runs of the same language, and
// everything between them, form one span; spans leave gaps only where
// there are characters that carry no language, or letters of a language
// the Detector is not configured for. Offsets are bytes into the text, on
// rune boundaries.
//
// # Confidence
//
// For script-decided languages Confidence grows with the weight of the
// evidence: 0.75 for one Han character, 0.9 for two, above 0.98 from about
// six. For Chinese it is multiplied by the confidence of the variant
// choice, 0.85 without variant evidence and above 0.99 with a margin of
// three characters. For lingua-decided runs it is lingua's confidence value
// for the language it chose. Result.Confidence is the weight-averaged
// confidence of the runs in the primary language.
//
// # Long texts
//
// Only the first MaxScanBytes (4 KiB) of a text are examined, and at most
// 1 KiB of letters per script is handed to lingua; spans never extend
// beyond the examined prefix.
//
// # Configuration and costs
//
// New loads the n-gram models of every script that two or more configured
// languages share. With DefaultLanguages that is the nine Latin-script
// languages; Chinese, Japanese, Korean, Thai, Russian and Arabic need no
// model. WithLazyLoading defers the loading to the first text that needs
// it. lingua keeps loaded models in package-level caches, so Detectors (and
// other lingua users in the process) share them and they are never freed.
// MEASUREMENTS.md lists load time, memory, speed and accuracy.
//
// # Concurrency
//
// A *Detector is immutable after New and safe for concurrent use by
// multiple goroutines. The zero value and a nil *Detector have no
// languages and report Undetermined for every text.
package langdetect
