// Command gen writes the Han character class table of package hanzi from the
// Unicode Han Database (Unihan).
//
// It reads Unihan_Variants.txt and Unihan_OtherMappings.txt, plain or
// bzip2-compressed, from the directory given by -unihan (Debian's
// unicode-data package installs them in /usr/share/unicode) and writes a Go
// source file with one 2-bit class per code point.
//
// Classes:
//
//   - Simplified: the character has a kTraditionalVariant that is a different
//     character and is not itself listed as a traditional form (its
//     kSimplifiedVariant, if any, includes itself). Example: 国 (國).
//   - Traditional: the mirror case: a kSimplifiedVariant that differs, and no
//     kTraditionalVariant that differs. Example: 國, 後.
//   - Japanese: a Jōyō or Jinmeiyō kanji (kJoyoKanji, kJinmeiyoKanji) that is
//     in none of the Chinese character sets GB 2312 (kGB0), GB 12345 (kGB1),
//     Big Five (kBigFive) and the Table of General Standard Chinese
//     Characters (kTGH): Japanese-only shinjitai and kokuji such as 気 駅 込.
//     This class wins over the other two.
//   - A character whose variant fields list it as valid in both scripts
//     (这: kTraditionalVariant 这 這) is Simplified when it is in GB 2312
//     but not in Big Five, and Traditional when it is in Big Five but in
//     neither GB 2312 nor kTGH.
//   - Neutral: everything else, including characters in common use in both
//     scripts such as 后 (kTraditionalVariant 后 後), 么 and 台.
//
// Usage:
//
//	go run ./gen -unihan /usr/share/unicode -o tables.go
package main

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"flag"
	"fmt"
	"go/format"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Class values; they must match package hanzi.
const (
	neutral     = 0
	simplified  = 1
	traditional = 2
	japanese    = 3
)

// The dense table covers CJK Extension A and the URO block; other code
// points go into a sorted exception list.
const (
	denseLo = 0x3400
	denseHi = 0x9FFF
)

func main() {
	dir := flag.String("unihan", "/usr/share/unicode", "directory holding Unihan_Variants.txt[.bz2] and Unihan_OtherMappings.txt[.bz2]")
	out := flag.String("o", "tables.go", "output Go file")
	flag.Parse()

	variants, version, err := readUnihan(*dir, "Unihan_Variants.txt")
	if err != nil {
		log.Fatal(err)
	}
	mappings, _, err := readUnihan(*dir, "Unihan_OtherMappings.txt")
	if err != nil {
		log.Fatal(err)
	}

	classes := classify(variants, mappings)
	src, err := render(classes, version)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
	counts := [4]int{}
	for _, c := range classes {
		counts[c]++
	}
	log.Printf("wrote %s: %d simplified, %d traditional, %d japanese-only", *out, counts[simplified], counts[traditional], counts[japanese])
}

// field maps a code point to the values of one Unihan field.
type field map[rune][]string

// readUnihan parses name (or name.bz2) into fields keyed by field name and
// returns the Unicode version stated in its header.
func readUnihan(dir, name string) (map[string]field, string, error) {
	var r io.Reader
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		f, err = os.Open(filepath.Join(dir, name+".bz2"))
		if err != nil {
			return nil, "", err
		}
		r = bzip2.NewReader(f)
	} else {
		r = f
	}
	defer f.Close()

	fields := map[string]field{}
	version := "unknown"
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			if v, ok := strings.CutPrefix(line, "# Unicode version: "); ok {
				version = strings.TrimSpace(v)
			}
			continue
		}
		parts := strings.SplitN(line, "\t", 3)
		if len(parts) != 3 {
			continue
		}
		cp, err := parseCodePoint(parts[0])
		if err != nil {
			return nil, "", fmt.Errorf("%s: %v", name, err)
		}
		if fields[parts[1]] == nil {
			fields[parts[1]] = field{}
		}
		fields[parts[1]][cp] = strings.Fields(parts[2])
	}
	return fields, version, sc.Err()
}

// parseCodePoint parses "U+4E00", ignoring a "<source" suffix as used in
// variant fields.
func parseCodePoint(s string) (rune, error) {
	s, _, _ = strings.Cut(s, "<")
	hex, ok := strings.CutPrefix(s, "U+")
	if !ok {
		return 0, fmt.Errorf("bad code point %q", s)
	}
	v, err := strconv.ParseUint(hex, 16, 32)
	return rune(v), err
}

// listsOther reports whether the variant list vs names a character other
// than r, and whether it names r itself.
func listsOther(r rune, vs []string) (other, self bool) {
	for _, v := range vs {
		cp, err := parseCodePoint(v)
		if err != nil {
			continue
		}
		if cp == r {
			self = true
		} else {
			other = true
		}
	}
	return other, self
}

func classify(variants, mappings map[string]field) map[rune]uint8 {
	classes := map[rune]uint8{}
	simp, trad := variants["kSimplifiedVariant"], variants["kTraditionalVariant"]
	for r, vs := range trad {
		other, self := listsOther(r, vs)
		if !other || self {
			continue // valid as a traditional form
		}
		if sv, ok := simp[r]; ok {
			if o, _ := listsOther(r, sv); o {
				continue // also has a different simplified form
			}
		}
		classes[r] = simplified
	}
	for r, vs := range simp {
		other, self := listsOther(r, vs)
		if !other || self {
			continue // valid as a simplified form
		}
		if tv, ok := trad[r]; ok {
			if o, _ := listsOther(r, tv); o {
				continue
			}
		}
		classes[r] = traditional
	}

	// Characters the variant fields list as valid in both scripts because
	// of rare historical use (这 has kTraditionalVariant 这 這) are decided
	// by the standard character sets of each script: in GB 2312 but not in
	// Big Five is Simplified, in Big Five but in neither GB 2312 nor the
	// Table of General Standard Chinese Characters is Traditional.
	gb, big5, tgh := mappings["kGB0"], mappings["kBigFive"], mappings["kTGH"]
	for _, f := range []field{simp, trad} {
		for r := range f {
			if _, done := classes[r]; done {
				continue
			}
			_, inGB := gb[r]
			_, inBig5 := big5[r]
			_, inTGH := tgh[r]
			switch {
			case inGB && !inBig5:
				classes[r] = simplified
			case inBig5 && !inGB && !inTGH:
				classes[r] = traditional
			}
		}
	}

	chinese := map[rune]bool{}
	for _, name := range []string{"kGB0", "kGB1", "kBigFive", "kTGH"} {
		for r := range mappings[name] {
			chinese[r] = true
		}
	}
	for _, name := range []string{"kJoyoKanji", "kJinmeiyoKanji"} {
		for r := range mappings[name] {
			if chinese[r] || (r >= 0xF900 && r <= 0xFAFF) {
				continue // shared with Chinese, or a compatibility ideograph
			}
			classes[r] = japanese
		}
	}
	return classes
}

func render(classes map[rune]uint8, version string) ([]byte, error) {
	dense := make([]byte, (denseHi-denseLo+1+3)/4)
	var extra []rune
	for r, c := range classes {
		if r >= denseLo && r <= denseHi {
			i := r - denseLo
			dense[i/4] |= c << (2 * (i % 4))
		} else {
			extra = append(extra, r)
		}
	}
	slices.Sort(extra)

	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by go run ./gen from Unihan %s; DO NOT EDIT.\n\n", version)
	b.WriteString("package hanzi\n\n")
	fmt.Fprintf(&b, "// UnihanVersion is the Unicode version of the Unihan data the tables were built from.\nconst UnihanVersion = %q\n\n", version)
	fmt.Fprintf(&b, "const (\n\tdenseLo = 0x%X\n\tdenseHi = 0x%X\n)\n\n", denseLo, denseHi)
	b.WriteString("// dense holds a 2-bit Class for each code point in [denseLo, denseHi],\n// four per byte, lowest bits first.\nconst dense = \"\" +\n")
	for i := 0; i < len(dense); i += 32 {
		end := min(i+32, len(dense))
		b.WriteString("\t\"")
		for _, x := range dense[i:end] {
			fmt.Fprintf(&b, "\\x%02x", x)
		}
		b.WriteString("\"")
		if end < len(dense) {
			b.WriteString(" +")
		}
		b.WriteString("\n")
	}
	b.WriteString("\n// extraRunes lists the classified code points outside the dense range in\n// ascending order; extraClasses holds their classes.\nvar extraRunes = []rune{\n")
	for i, r := range extra {
		if i%8 == 0 {
			b.WriteString("\t")
		}
		fmt.Fprintf(&b, "0x%X,", r)
		if i%8 == 7 || i == len(extra)-1 {
			b.WriteString("\n")
		} else {
			b.WriteString(" ")
		}
	}
	b.WriteString("}\n\nvar extraClasses = []Class{\n")
	for i, r := range extra {
		if i%16 == 0 {
			b.WriteString("\t")
		}
		fmt.Fprintf(&b, "%d,", classes[r])
		if i%16 == 15 || i == len(extra)-1 {
			b.WriteString("\n")
		} else {
			b.WriteString(" ")
		}
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}
