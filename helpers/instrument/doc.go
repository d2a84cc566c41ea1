// Package instrument provides synchronisation primitives that behave like
// their standard counterparts and record how they are used, so that a
// notebook can show contention, timelines and deadlocks instead of
// describing them.
package instrument
