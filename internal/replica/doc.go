// Package replica distributes the index versions of a data directory
// (package datadir) to other machines through NATS JetStream.
//
// The indexer's machine publishes: Publish checks a version against its
// manifest, uploads each of its files to an object store bucket, one object
// per file, and then sets the key "current" of a key-value bucket to the
// version's id. Each searchd replica follows: Follow watches that key, and
// for a version it does not have downloads its files into its own data
// directory (into DIR/versions/ID.partial, renamed to DIR/versions/ID when
// whole), checks them against the manifest and switches its local current
// pointer, which searchd -data already follows (checking, warming and
// swapping the version in). The local pointer stays the source of truth on
// each replica: a replica cut off from NATS serves what it has, and catches
// up when it reconnects.
//
// In JetStream:
//
//	object store "askedat-versions"
//	    ID/version.json           the manifest (datadir.Info), uploaded last
//	    ID/index/PATH             each file of the version's index, its
//	                              SHA-256 (the manifest's) in the metadata
//	key-value bucket "askedat"
//	    current                   the id of the version to serve
//
// Old versions are pruned on both sides: the object store keeps the
// versions the publisher's data directory still holds (the indexer's -keep
// rule has removed the others), and a follower keeps its current version
// and the Keep newest before it.
//
// Usage:
//
//	// on the indexer's machine, after a job switched DIR/current:
//	err := replica.Publish(ctx, "nats://nats1:4222", "/srv/askedat/index", id, replica.Options{})
//
//	// on each searchd machine, for as long as it serves:
//	err := replica.Follow(ctx, "nats://nats1:4222", "/srv/askedat/index", replica.Options{Keep: 2})
package replica
