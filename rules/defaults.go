package rules

import (
	"embed"
	"io/fs"
	"path"
	"slices"
	"sync"
)

//go:embed packs/*.yaml
var embeddedPacks embed.FS

var defaultPacks = sync.OnceValues(func() ([]*Pack, error) {
	names, err := fs.Glob(embeddedPacks, "packs/*.yaml")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	var packs []*Pack
	var all ErrorList
	for _, name := range names {
		data, err := embeddedPacks.ReadFile(name)
		if err != nil {
			return nil, err
		}
		p, err := ParsePack("embedded:"+path.Base(name), data)
		if list, ok := err.(ErrorList); ok {
			all = append(all, list...)
			continue
		}
		if err != nil {
			return nil, err
		}
		packs = append(packs, p)
	}
	return packs, all.Err()
})

// DefaultPacks returns the packs embedded in the library, parsed. The packs
// are shared: callers must not modify them.
func DefaultPacks() ([]*Pack, error) { return defaultPacks() }

// Default compiles the embedded packs into a Set.
func Default() (*Set, error) {
	packs, err := DefaultPacks()
	if err != nil {
		return nil, err
	}
	return Compile(packs...)
}
