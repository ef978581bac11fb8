//go:build race

package extract

// raceEnabled reports whether the race detector is on: it changes how
// much the code allocates (TestHugeHostilePages).
const raceEnabled = true
