#!/usr/bin/env perl
# `salient render TEMPLATE DATA.json` against the Mustache spec: every case
# of the required modules without partials, with its data written as JSON
# exactly as the spec has it (a bare number such as 85 with no newline
# after it included: "Implicit Iterators - Basic Integer Interpolation").
# Needs build/salient and $SHARED/conformance/mustache-spec.  TAP.
use strict;
use warnings;
use File::Basename qw(dirname);
use File::Temp qw(tempdir);
use JSON::PP;

my $root = dirname(__FILE__) . '/../..';
my $bin = "$root/build/salient";
my $spec = ($ENV{SHARED} // "$root/../shared") . '/conformance/mustache-spec';
unless (-x $bin && -d $spec) { print "1..0 # SKIP no build/salient or no $spec\n"; exit 0; }
my $tmp = tempdir(CLEANUP => 1);
my $json = JSON::PP->new->allow_nonref->canonical;
my $n = 0;
for my $mod (qw(comments delimiters interpolation inverted sections)) {
	open(my $fh, '<', "$spec/$mod.json") or die "$spec/$mod.json: $!";
	my $doc = $json->decode(do { local $/; <$fh> });
	close($fh);
	for my $t (@{ $doc->{tests} }) {
		next if $t->{partials} && %{ $t->{partials} };
		$n++;
		for ([ "$tmp/t.mustache", $t->{template} ], [ "$tmp/d.json", $json->encode($t->{data}) ]) {
			open(my $out, '>:raw', $_->[0]) or die "$_->[0]: $!";
			print $out $_->[1];
			close($out);
		}
		my $got = `"$bin" render "$tmp/t.mustache" "$tmp/d.json" 2>&1`;
		my $ok = $? == 0 && $got eq $t->{expected};
		print $ok ? "ok" : "not ok", " $n - $mod: $t->{name}\n";
		print "# got: $got\n# expected: $t->{expected}\n" unless $ok;
	}
}
print "1..$n\n";
