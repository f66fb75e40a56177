# mixmaster: Pd externals for mixing and mastering, built with pd-lib-builder.
#
#   make          build every external (each linked with the dsp/ core)
#   make install  install the libdir mixmaster/ (PDLIBDIR, DESTDIR honoured)
#   make check    install missing packages, build, run every test
#   make demo     install missing packages, build, mix and master the demo
#                 song in Pd, print a report (PRESET=ebu|apple|cd|club)
#   make bench    cost per sample against the processors users would pick
#   make deps     check for (and install) the Debian packages we need
#                 (scripts/deps.sh; DEPS_GROUPS=all for every group)
#   make sanitize / valgrind / fuzz   ASan+UBSan, memcheck, libFuzzer runs
#   make deken    the package for Pd's package manager (build/deken/)
#   make help-patches  regenerate the help patches (scripts/mkhelp.py),
#                 the course (scripts/mkcourse.py, help-patches/course/)
#                 and doc/<name>.md (scripts/mkreference.py)

lib.name = mixmaster

class.sources = $(sort $(wildcard externals/*~.c))
# mixer~'s inlets, made at creation from its flags (see the file)
class.sources += externals/mm_mixer_inlets.c
common.sources = $(sort $(wildcard dsp/*.c)) externals/mm_pd.c
# the core's libraries: every binary that links dsp/ needs them
MM_LIBS = -lfftw3f -lfftw3 -lebur128 -lm
ldlibs = $(MM_LIBS)
cflags = -Idsp -Iexternals -std=c99 -D_DEFAULT_SOURCE -fvisibility=hidden
datafiles = $(wildcard help-patches/*.pd) $(wildcard abstractions/*.pd) \
            README.md LICENSE

# the course (help-patches/course/, scripts/mkcourse.py) goes into the
# libdir's own folder course/ (install-course below)
COURSE = $(sort $(wildcard help-patches/course/*.pd))

PDLIBBUILDER_DIR ?= /usr/share/pd-lib-builder
ifneq ($(wildcard $(PDLIBBUILDER_DIR)/Makefile.pdlibbuilder),)
include $(PDLIBBUILDER_DIR)/Makefile.pdlibbuilder
# pd-lib-builder adds -ffast-math; keep our bit-pattern finiteness checks
# and inf handling meaningful.
c.flags += -fno-finite-math-only
# pd-lib-builder does not track headers: rebuild when any of ours changes
# (a changed struct with stale objects crashes Pd).
$(patsubst %.c,%.o,$(class.sources) $(common.sources)): $(wildcard dsp/*.h externals/*.h)
install: install-course
install-course: all
	$(INSTALL_DIR) -v "$(installpath)/course"
	$(INSTALL_DATA) $(COURSE) "$(installpath)/course"
else
all:
	@echo "pd-lib-builder is missing: run 'make deps' (or set PDLIBBUILDER_DIR)"
	@exit 1
endif

# ---- tests, tools, fuzzers, benches ---------------------------------------
#
# The core (dsp/*.c) is compiled once per flavour into a static library,
# and every test program links the library of its flavour:
#
#   release  $(CC) -O2 -g                     unit tests, tools
#   asan     $(ASAN_CC) -O2 -g, ASan + UBSan   unit tests again (make check),
#                                             scripts/sanitize.sh
#   fuzz     $(FUZZ_CC) (clang), libFuzzer     tests/fuzz
#            instrumentation, ASan + UBSan
#   bench    the externals' flags              bench/core (make bench)
#
# Objects go to $(BUILD)/obj/<flavour>/<source path>.o with their header
# dependencies (-MMD); changing a flavour's compiler or flags rebuilds its
# objects, adding or removing a dsp/*.c file rebuilds its library.

BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
ASAN_CC ?= $(CC)
FUZZ_CC ?= clang
PD_INCLUDE ?= /usr/include/pd

TEST_CFLAGS ?= -std=c99 -D_DEFAULT_SOURCE -O2 -g -Wall -Wextra -Idsp
TEST_LDLIBS = -lcmocka $(MM_LIBS)
SAN_FLAGS = -fsanitize=address,undefined,float-cast-overflow \
            -fno-omit-frame-pointer -fno-sanitize-recover=all
ASAN_CFLAGS ?= -std=c99 -D_DEFAULT_SOURCE -O2 -g -Wall -Wextra -Idsp $(SAN_FLAGS)
FUZZ_CFLAGS ?= -std=c99 -D_DEFAULT_SOURCE -O1 -g -fno-finite-math-only -Idsp \
               -fsanitize=fuzzer-no-link,address,undefined,float-cast-overflow \
               -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_LDFLAGS = -fsanitize=fuzzer,address,undefined,float-cast-overflow
# The core's inner loops (filters, interpolators) are all loop-counter
# comparisons, and tracing each of them made the fuzzers about 7x slower
# per sample (core_truepeak); comparison tracing stays in the harnesses,
# which turn the input's bytes into choices, and in the wrappers. Edge
# coverage, ASan and UBSan are the same everywhere. -O2 vectorises those
# loops (truepeak's FIR about 1.5x faster under ASan): more inputs per
# second for every harness that runs signal through the core.
FUZZ_DSP_CFLAGS ?= -fno-sanitize-coverage=trace-cmp -O2
# The benches time the core as the externals build it (pd-lib-builder's
# optimisation and architecture flags, as the anchors are timed as their
# packages build them): not the tests' -O2.
BENCH_DSP_CFLAGS ?= $(optimization.flags) $(arch.c.flags) -fno-finite-math-only

OBJ = $(BUILD)/obj
DSP_SRC = $(sort $(wildcard dsp/*.c))
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
TOOL_SRC = $(sort $(wildcard tests/tools/*.c))
BENCH_SRC = $(sort $(wildcard bench/core/bench_*.c))
FUZZ_CORE_SRC = $(sort $(wildcard tests/fuzz/core_*.c))
# the objects the object fuzzers drive: first field of each line
FUZZ_OBJECTS := $(shell awk -F'|' '$$1 ~ /^ *[A-Za-z]/ {gsub(/ /, "", $$1); \
                  print $$1}' tests/robust/objects.list 2>/dev/null)

# where the programs go (sanitize.sh and valgrind.sh link theirs elsewhere)
UNIT_DIR ?= $(BUILD)/tests
ASAN_UNIT_DIR ?= $(BUILD)/asan-unit
TOOL_DIR ?= $(BUILD)/tools
ASAN_TOOL_DIR ?= $(BUILD)/asan-tools
BENCH_DIR ?= $(BUILD)/bench/core
FUZZ_DIR ?= $(BUILD)/fuzz/bin

UNIT_BIN = $(patsubst tests/unit/%.c,$(UNIT_DIR)/%,$(UNIT_SRC))
ASAN_UNIT_BIN = $(patsubst tests/unit/%.c,$(ASAN_UNIT_DIR)/%,$(UNIT_SRC))
TOOL_BIN = $(patsubst tests/tools/%.c,$(TOOL_DIR)/%,$(TOOL_SRC))
ASAN_TOOL_BIN = $(patsubst tests/tools/%.c,$(ASAN_TOOL_DIR)/%,$(TOOL_SRC))
BENCH_BIN = $(patsubst bench/core/%.c,$(BENCH_DIR)/%,$(BENCH_SRC))
FUZZ_BIN = $(patsubst tests/fuzz/%.c,$(FUZZ_DIR)/%,$(FUZZ_CORE_SRC)) \
           $(foreach o,$(FUZZ_OBJECTS),$(FUZZ_DIR)/obj_$(patsubst %~,%,$o))
STAGE = $(BUILD)/pd

# include paths by source: its own directory (as before), the shared test
# helpers, the tools' WAV code for the benches, Pd for the wrappers
src_flags = -Itests/lib \
    $(if $(filter bench/%,$1),-Itests/tools) \
    $(if $(filter tests/fuzz/% externals/% scripts/%,$1),-Itests/fuzz -Iexternals \
        -I$(PD_INCLUDE) -Wno-cast-function-type) \
    $(if $(filter externals/%,$1),-include tests/fuzz/pdfix.h)

# one rule set per flavour: $1 name, $2 compiler, $3 flags, $4 more flags
# for the core (dsp/)
define FLAVOUR
$(OBJ)/$1/%.o: %.c $(OBJ)/$1/flags
	@mkdir -p $$(@D)
	$2 $3 $$(if $$(filter dsp/%,$$<),$4) $$(call src_flags,$$<) -MMD -MP -c -o $$@ $$<
# the compiler and flags: objects are rebuilt when they change
$(OBJ)/$1/flags: FORCE
	@mkdir -p $$(@D)
	@echo '$2 $3 $4' | cmp -s - $$@ || echo '$2 $3 $4' >$$@
# the list of core sources: the library is rebuilt when it changes
$(OBJ)/$1/dsp.list: FORCE
	@mkdir -p $$(@D)
	@echo '$(DSP_SRC)' | cmp -s - $$@ || echo '$(DSP_SRC)' >$$@
$(OBJ)/$1/libmmdsp.a: $(patsubst %.c,$(OBJ)/$1/%.o,$(DSP_SRC)) $(OBJ)/$1/dsp.list
	rm -f $$@
	$(AR) rcs $$@ $$(filter %.o,$$^)
endef
$(eval $(call FLAVOUR,release,$(CC),$(TEST_CFLAGS)))
$(eval $(call FLAVOUR,asan,$(ASAN_CC),$(ASAN_CFLAGS)))
$(eval $(call FLAVOUR,fuzz,$(FUZZ_CC),$(FUZZ_CFLAGS),$(FUZZ_DSP_CFLAGS)))
$(eval $(call FLAVOUR,bench,$(CC),$(TEST_CFLAGS),$(BENCH_DSP_CFLAGS)))
FORCE:
.SECONDARY:
-include $(wildcard $(OBJ)/*/*/*.d $(OBJ)/*/*/*/*.d)

LIB_release = $(OBJ)/release/libmmdsp.a
LIB_asan = $(OBJ)/asan/libmmdsp.a
LIB_fuzz = $(OBJ)/fuzz/libmmdsp.a
LIB_bench = $(OBJ)/bench/libmmdsp.a

$(UNIT_DIR)/%: $(OBJ)/release/tests/unit/%.o $(LIB_release)
	@mkdir -p $(@D)
	$(CC) -o $@ $^ $(TEST_LDLIBS)
$(TOOL_DIR)/%: $(OBJ)/release/tests/tools/%.o $(LIB_release)
	@mkdir -p $(@D)
	$(CC) -o $@ $^ $(TEST_LDLIBS)
$(BENCH_DIR)/%: $(OBJ)/release/bench/core/%.o $(LIB_bench)
	@mkdir -p $(@D)
	$(CC) -o $@ $^ $(TEST_LDLIBS)
$(ASAN_UNIT_DIR)/%: $(OBJ)/asan/tests/unit/%.o $(LIB_asan)
	@mkdir -p $(@D)
	$(ASAN_CC) $(SAN_FLAGS) -o $@ $^ $(TEST_LDLIBS)
# the test tools are one-shot programs that leave freeing to exit: leak
# checking off for them (a compiled-in default), on for the unit tests
$(OBJ)/asan/noleaks.c:
	@mkdir -p $(@D)
	echo 'const char *__asan_default_options(void) { return "detect_leaks=0"; }' >$@
$(OBJ)/asan/noleaks.o: $(OBJ)/asan/noleaks.c $(OBJ)/asan/flags
	$(ASAN_CC) -c -o $@ $<
$(ASAN_TOOL_DIR)/%: $(OBJ)/asan/tests/tools/%.o $(OBJ)/asan/noleaks.o $(LIB_asan)
	@mkdir -p $(@D)
	$(ASAN_CC) $(SAN_FLAGS) -o $@ $^ $(TEST_LDLIBS)

# fuzzers: tests/fuzz/core_<module>.c, and one object harness per line of
# tests/robust/objects.list (obj_harness.c + the real wrapper + mm_pd.c on
# the pdstub.c runtime, plus the object's check hook
# tests/fuzz/check/<name>.c if one is ever written: none is yet); the
# object's name, flags and message come from a small generated file.
# bigalloc.c (linked into all) is no code under test: built without
# coverage (its reuse hits and misses would count as new coverage) and
# without ASan (free runs inside ASan's start, before its shadow exists)
$(OBJ)/fuzz/tests/fuzz/bigalloc.o: tests/fuzz/bigalloc.c $(OBJ)/fuzz/flags
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fno-sanitize=fuzzer-no-link,address -MMD -MP \
	    -c -o $@ $<
$(FUZZ_DIR)/core_%: $(OBJ)/fuzz/tests/fuzz/core_%.o $(OBJ)/fuzz/tests/fuzz/bigalloc.o \
    $(LIB_fuzz)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_LDFLAGS) -o $@ $^ $(MM_LIBS)
$(BUILD)/fuzz/gen/obj_%.c: tests/robust/objects.list tests/fuzz/objconfig.sh
	@mkdir -p $(@D)
	bash tests/fuzz/objconfig.sh '$*' tests/robust/objects.list >$@
$(BUILD)/fuzz/gen/obj_%.o: $(BUILD)/fuzz/gen/obj_%.c $(OBJ)/fuzz/flags
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<
define FUZZ_OBJECT
$(FUZZ_DIR)/obj_$(patsubst %~,%,$1): $(BUILD)/fuzz/gen/obj_$(patsubst %~,%,$1).o \
    $(OBJ)/fuzz/tests/fuzz/obj_harness.o $(OBJ)/fuzz/tests/fuzz/pdstub.o \
    $(OBJ)/fuzz/tests/fuzz/bigalloc.o $(OBJ)/fuzz/externals/$1.o \
    $(OBJ)/fuzz/externals/mm_pd.o \
    $(patsubst %.c,$(OBJ)/fuzz/%.o,$(wildcard tests/fuzz/check/$1.c)) $(LIB_fuzz)
	@mkdir -p $$(@D)
	$(FUZZ_CC) $(FUZZ_LDFLAGS) -o $$@ $$^ $(MM_LIBS)
endef
$(foreach o,$(FUZZ_OBJECTS),$(eval $(call FUZZ_OBJECT,$o)))

unit-tests: $(UNIT_BIN)
unit-tests-asan: $(ASAN_UNIT_BIN)
tools: $(TOOL_BIN)
tools-asan: $(ASAN_TOOL_BIN)
bench-core: $(BENCH_BIN)
fuzzers: $(FUZZ_BIN)
libs: $(LIB_release) $(LIB_asan)

# The externals as a user installs them, for the Pd tests.
stage: all
	rm -rf $(STAGE)
	$(MAKE) install PDLIBDIR=$(CURDIR)/$(STAGE) DESTDIR= >/dev/null

# make check: one parallel build of everything the tests run (the fuzzers
# only when a clang with libFuzzer is there or can be installed; without
# one the fuzz pass reports the failure), then the tests.
check: deps
	@fcc=$$(bash tests/fuzz/clang.sh) || fcc=; \
	echo "$(MAKE) -j$(JOBS) stage unit-tests unit-tests-asan tools $(BUILD)/mmref$${fcc:+ fuzzers FUZZ_CC=$$fcc}"; \
	$(MAKE) --no-print-directory -j$(JOBS) stage unit-tests unit-tests-asan tools \
	    $(BUILD)/mmref $${fcc:+fuzzers FUZZ_CC=$$fcc}
	BUILD=$(BUILD) MM_JOBS=$(JOBS) bash tests/run.sh

# make demo [PRESET=streaming|apple|ebu|cd|club|none]: the demo song
# (demosong~) -> mixer~ -> build/demo/mix.wav -> mastering~ ->
# master.wav, master-16bit.wav, a report and report.png (scripts/demo.py)
PRESET ?= streaming
demo: deps
	$(MAKE) -j$(JOBS) stage $(TOOL_DIR)/tpmeter
	BUILD=$(BUILD) python3 scripts/demo.py --preset $(PRESET)

bench: deps
	$(MAKE) -j$(JOBS) stage tools bench-core
	BUILD=$(BUILD) bash bench/run.sh

deps:
	@bash scripts/deps.sh $(DEPS_GROUPS)
check: DEPS_GROUPS = check
bench: DEPS_GROUPS = base bench
fuzz: DEPS_GROUPS = base fuzz
valgrind: DEPS_GROUPS = base valgrind

sanitize: deps
	BUILD=$(BUILD) bash scripts/sanitize.sh
valgrind: deps
	BUILD=$(BUILD) bash scripts/valgrind.sh
fuzz: deps
	BUILD=$(BUILD) bash tests/fuzz/run.sh

clean: clean-tests
clean-tests:
	rm -rf $(BUILD)

# The reference description of every object (JSON), from the declarations:
# scripts/mmref.c with every wrapper on the fuzzers' Pd stub, the core from
# the release library. mmref.c learns the setup functions from MM_SETUPS,
# rebuilt when the list of wrappers changes.
EXT_SRC = $(sort $(wildcard externals/*~.c)) externals/mm_pd.c
MMREF_SETUPS = $(foreach f,$(sort $(wildcard externals/*~.c)),X($(subst ~,_tilde,$(basename $(notdir $(f))))))
$(OBJ)/release/externals.list: FORCE
	@mkdir -p $(@D)
	@echo '$(EXT_SRC)' | cmp -s - $@ || echo '$(EXT_SRC)' >$@
$(OBJ)/release/scripts/mmref.o: scripts/mmref.c $(OBJ)/release/flags $(OBJ)/release/externals.list
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) $(call src_flags,$<) -DMM_SETUPS='$(MMREF_SETUPS)' -MMD -MP -c -o $@ $<
$(BUILD)/mmref: $(OBJ)/release/scripts/mmref.o $(OBJ)/release/tests/fuzz/pdstub.o \
    $(patsubst %.c,$(OBJ)/release/%.o,$(EXT_SRC)) $(LIB_release)
	$(CC) -o $@ $^ $(MM_LIBS)
reference: $(BUILD)/mmref
	python3 scripts/mkreference.py --mmref $(BUILD)/mmref

# The help patches (scripts/mkhelp.py: the example parts, in the house
# style of doc/help-style.md, then each [pd reference] from the tables),
# and doc/<name>.md from the same tables: a parameter change needs both.
help-patches: $(BUILD)/mmref
	python3 scripts/mkhelp.py --mmref $(BUILD)/mmref
	python3 scripts/mkcourse.py
	python3 scripts/mkreference.py --mmref $(BUILD)/mmref

# The package Pd's package manager installs (deken): build/deken/
# mixmaster[vVERSION](OS-MARCH-32).dek, its .sha256 and .dek.txt
deken: stage
	python3 scripts/mkdeken.py --stage $(STAGE)/mixmaster --out $(BUILD)/deken

.PHONY: check demo bench deps unit-tests unit-tests-asan tools tools-asan \
        bench-core fuzzers libs stage clean-tests sanitize valgrind fuzz reference \
        help-patches deken install-course FORCE
