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
//     en es fr de pt vi id it tr) are classified with the character n-gram
//     models of github.com/pemistahl/lingua-go, scored as lingua scores
//     them in its high-accuracy mode; all runs of one script in a text are
//     classified together, in one call, so a post's Latin-script words get
//     one language. See "N-gram scoring" below.
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
// When the primary language is Chinese, Japanese or Korean, a Latin-script
// run of 8 letters or fewer takes it too: pinyin initials and
// abbreviations such as "nmsl", "tmd" or "yyds" are written in Latin
// letters but belong to the post's language, and so few letters cannot
// show otherwise. "Welcome TikTok refugees" keeps its own span.
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
// three characters. For n-gram-decided runs it is lingua's confidence
// value for the language chosen (computed from quantized log-probabilities:
// within 0.005 of lingua's own value). Result.Confidence is the
// weight-averaged confidence of the runs in the primary language.
//
// # N-gram scoring
//
// The package internal/ngram holds tables generated (go generate, see
// internal/ngram/gen) from the models lingua-go publishes in its module
// (Apache-2.0): for the nine Latin-script default languages, every
// unigram to fivegram of every language with the training count behind
// its probability, 4.2 MiB compressed with DEFLATE and embedded in the
// binary. Loading decodes them in a fraction of a second into
// open-addressing hash tables keyed by the n-gram's letters (one byte a
// letter), holding each language's probability, recomputed exactly as
// lingua computes it, as a negative log-probability quantized to 1/1024
// nat; the tables take about 26 MiB and hold no pointers, so the garbage
// collector never scans them. A Detector configured for fewer of these
// languages keeps only theirs.
//
// Scoring follows lingua's detector step by step: the letters are
// lowercased and split into words; a language is decided outright by
// letters unique to it in more than half of the words (ß, ư), and the
// candidates narrow to the languages that letters shared by few languages
// point to (ñ, ã); otherwise every distinct n-gram of orders 1 to 5 (3
// only from 120 letters on) adds, per candidate language, the
// log-probability of its longest prefix that the language's model knows;
// sums are divided by the number of distinct letters of the text the
// language knows and turned into confidences with a softmax. On the 41,817
// texts of the accuracy report, Detect gives the same languages and spans
// with the tables as with lingua.
//
// Work per call is linear in the letters handed to the models, which are
// at most maxModelBytes (1 KiB): at most five hash lookups per letter (the
// n-grams of one to five letters starting there; the models are closed
// under prefixes, so the first miss ends the walk), each reading at most
// the table's longest probe sequence (Robin Hood insertion keeps it at 14
// slots or fewer in the generated tables), then at most five distinct
// n-grams per letter (one from 120 letters on), each scored from those
// lookups. Detect allocates nothing on this path beyond the Result's
// spans.
//
// Configurations whose shared-script languages are not all in the tables
// (for example WithLanguages("en", "nl") or Cyrillic-script languages
// beside Russian) classify those scripts with lingua-go itself. lingua-go
// therefore remains a dependency: its models are the source of the
// tables, its language list defines the languages WithLanguages accepts,
// and it classifies the configurations the tables do not cover.
//
// # Long texts
//
// Only the first MaxScanBytes (4 KiB) of a text are examined, and at most
// 1 KiB of letters per script is handed to the n-gram models; spans never
// extend beyond the examined prefix.
//
// # Configuration and costs
//
// New loads the n-gram tables of every script that two or more configured
// languages share. With DefaultLanguages that is the nine Latin-script
// languages; Chinese, Japanese, Korean, Thai, Russian and Arabic need no
// model. WithLazyLoading defers the loading to the first text that needs
// it. Detectors with the same languages share loaded tables while any of
// them is alive. lingua, used only where the tables do not cover a
// configuration, keeps its loaded models in package-level caches that are
// never freed. MEASUREMENTS.md lists load time, memory, speed and
// accuracy.
//
// # Concurrency
//
// A *Detector is immutable after New and safe for concurrent use by
// multiple goroutines. The zero value and a nil *Detector have no
// languages and report Undetermined for every text.
package langdetect
