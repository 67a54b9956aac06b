#!/usr/bin/env python3
"""copydesk on Apache Spark (pyspark 4.x): the same records and clusters as one machine's `copydesk run`.

    copydesk-spark run PIPELINE.yaml --input PATH|URI... --output DIR [--index PATH] [--master URL] [--binary PATH]
                   [--conf KEY=VALUE]...

The copydesk binary does all document work; this driver only moves its lines between partitions
(docs/spark.md):

  plan        (driver)  the input files in order, the pipeline's parts; `copydesk validate` first. Inputs
                        given as URIs (hdfs://, s3a://, viewfs://, ...) are listed through Spark's Hadoop
                        filesystems and ordered by the binary's own rules (a skeleton of their tree)
  documents   per partition of files: the per-document stages before dedupe; a URI's bytes come through
              Spark (sc.binaryFiles) into a local copy the binary reads under the URI's name
  signatures  per partition: each document's band keys, anchors and sample (kept in place, numbered
              in place from each file's offset)
  candidates  (Spark) documents sharing band keys / anchors, with the caps one machine uses: only
              (key, number) rows and pairs of numbers are shuffled
  verify      per partition of pairs: the relation of each candidate pair (each signature shuffled
              once by number, the later one travelling with its pair)
  cluster     one task: the judgments replayed in input order -> cluster and canonical member
  apply+after where the records were read (partitions in input order), else per range of documents in
              input order: `duplicate` filled in, the stages after dedupe, the export's JSONL records

With --index (an earlier run's DIR/index), the index's documents come before the batch: they take part
in the candidate joins, the replay starts from their clusters, and new documents name their canonicals.

Outputs: DIR/records/ (JSONL parts, in input order), DIR/parquet/, DIR/drops/, DIR/rejects/, DIR/index/
(Parquet: this run's documents and the earlier index's), DIR/report.json and DIR/_SUCCESS, moved into
place only when every step succeeded.
"""

import argparse
import bisect
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import uuid

EXIT_USAGE = 64
EXIT_IO = 74


def fail(message, code=1):
    sys.stderr.write(f"copydesk-spark: error: {message}\n")
    sys.exit(code)


def find_binary(given):
    """--binary, else `copydesk` beside this script (a release's bin/), else on PATH."""
    if given:
        path = os.path.abspath(given)
        if not os.access(path, os.X_OK):
            fail(f"--binary {given} is not an executable file", EXIT_USAGE)
        return path
    here = os.path.dirname(os.path.abspath(__file__))
    for candidate in (os.path.join(here, "copydesk"), os.path.join(here, "..", "bin", "copydesk")):
        if os.access(candidate, os.X_OK):
            return os.path.abspath(candidate)
    found = shutil.which("copydesk")
    if found:
        return os.path.abspath(found)
    fail("no copydesk binary: pass --binary PATH, or put copydesk on PATH (a release tarball's bin/copydesk)", EXIT_USAGE)


# ---------------------------------------------------------------------------------------------------
# Running the binary inside a task


class Engine:
    """What a task needs to run the binary: its path (or the copy Spark shipped), the pipeline, the
    driver's directory (relative input paths) and the worker threads per task."""

    def __init__(self, binary, pipeline, directory, workers):
        self.binary = binary
        self.pipeline = pipeline
        self.directory = directory
        self.workers = workers

    def _local(self, path):
        if os.path.exists(path):
            return path
        from pyspark import SparkFiles
        shipped = SparkFiles.get(os.path.basename(path))
        if os.path.exists(shipped):
            os.chmod(shipped, 0o755)
            return shipped
        raise RuntimeError(f"copydesk-spark: {path} is not on this executor and was not shipped")

    def run(self, mode, lines, extra=(), outcomes=False, then=None):
        """Runs `copydesk engine MODE` on `lines` (strings without newlines), yielding
        ('line', text) for each output line, then ('outcome', text) for each drop or reject and
        ('stats', dict) for the stats line. `then`: (mode, extra) of a second mode fed by the first's
        stdout (apply | documents --part after)."""
        from pyspark import TaskContext
        binary = self._local(self.binary)
        pipeline = self._local(self.pipeline)
        scratch = tempfile.mkdtemp(prefix="copydesk-spark-")
        try:
            stages = [(mode, list(extra))] + ([then] if then else [])
            procs, errs, outcome_files = [], [], []
            stdin = subprocess.PIPE
            for i, (m, ex) in enumerate(stages):
                cmd = [binary, "engine"] + m.split() + [pipeline] + list(ex)
                if outcomes or i > 0:
                    path = os.path.join(scratch, f"outcomes-{i}")
                    cmd += ["--outcomes", path]
                    outcome_files.append(path)
                err = open(os.path.join(scratch, f"stderr-{i}"), "w+b")
                errs.append(err)
                p = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=err, cwd=self.directory)
                if procs:
                    procs[-1].stdout.close()  # the second process owns the pipe now
                procs.append(p)
                stdin = p.stdout

            failed = []

            def feed():
                out = procs[0].stdin
                try:
                    for line in lines:
                        out.write(line.encode("utf-8", "surrogateescape"))
                        out.write(b"\n")
                except BrokenPipeError:
                    pass  # the binary stopped reading: its exit code and message tell why
                except Exception as error:  # noqa: BLE001 - the lines' own failure, raised in the task below
                    failed.append(error)
                finally:
                    try:
                        out.close()
                    except BrokenPipeError:
                        pass

            feeder = threading.Thread(target=feed, daemon=True)
            feeder.start()
            for raw in procs[-1].stdout:
                yield ("line", raw.rstrip(b"\n").decode("utf-8", "surrogateescape"))
            feeder.join()
            if failed:
                raise failed[0]
            part = TaskContext.get().partitionId() if TaskContext.get() else -1
            for (m, _), p, err in zip(stages, procs, errs):
                code = p.wait()
                err.seek(0)
                text = err.read().decode("utf-8", "replace")
                stats = [l for l in text.splitlines() if l.startswith("copydesk-engine-stats ")]
                if code != 0:
                    # The binary's message; for a crash, its fatal error without the backtrace's frames.
                    message = "\n".join(l for l in text.splitlines()
                                        if not l.startswith("copydesk-engine-stats ") and " [ra] " not in l
                                        and not l.lstrip().startswith(("at /", "...")))[-2000:]
                    kind = "temporary failure, retried" if code == 75 else f"exit {code}"
                    raise RuntimeError(f"copydesk engine {m} failed on partition {part} ({kind}): {message.strip()}")
                for s in stats:
                    yield ("stats", json.loads(s[len("copydesk-engine-stats "):]))
            for path in outcome_files:
                if os.path.exists(path):
                    with open(path, "rb") as f:
                        for raw in f:
                            yield ("outcome", raw.rstrip(b"\n").decode("utf-8", "surrogateescape"))
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


# ---------------------------------------------------------------------------------------------------
# Inputs given as URIs: listed on the driver through Spark's Hadoop filesystems, read through Spark


def is_uri(path):
    """Whether an --input is a filesystem URI (hdfs://, s3a://, viewfs://, file://, ...), read through
    Spark's Hadoop filesystems; any other path is read by the binary itself."""
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", path) is not None


def is_pattern(path):
    """A glob pattern, as the binary tells one (InputPlan.isPattern)."""
    return any(c in path for c in "*?[")


class Skeleton:
    """Empty files and folders in a local directory mirroring the trees of the URI inputs, so that
    `copydesk engine plan` orders and filters them by exactly the rules it applies to local paths
    (names sorted by their UTF-8 bytes, hidden entries and unsupported types skipped, formats from
    names); `name()` maps a skeleton path in the plan back to its URI."""

    def __init__(self, spark, root):
        self.jvm = spark.sparkContext._jvm
        self.hadoop = spark.sparkContext._jsc.hadoopConfiguration()
        self.root = root
        self.roots = []      # (skeleton path as given to plan, the URI it stands for)
        self.lengths = {}    # URI of each file -> its length in bytes

    def add(self, uri):
        """The skeleton paths standing for one --input URI (several for a pattern), in the binary's order."""
        Path = self.jvm.org.apache.hadoop.fs.Path
        path = Path(uri)
        fs = path.getFileSystem(self.hadoop)
        if is_pattern(uri) and not fs.exists(path):
            statuses = fs.globStatus(path) or []
            if not statuses:
                raise Refused(f"input not found: the pattern {uri} matches no file", 66)
            matches = sorted(((st.getPath().toString(), st) for st in statuses), key=lambda m: m[0].encode("utf-8"))
        else:
            if not fs.exists(path):
                raise Refused(f"input not found: {uri}: no such file or directory", 66)
            matches = [(uri, fs.getFileStatus(path))]
        given = []
        for name, status in matches:
            folder = os.path.join(self.root, str(len(self.roots)))
            os.makedirs(folder)
            base = os.path.join(folder, status.getPath().getName() or "root")
            self._mirror(fs, status, base, name, top=True)
            if status.isDirectory() and name.endswith("/"):
                base += "/"
            self.roots.append((base, name))
            given.append(base)
        return given

    def _mirror(self, fs, status, local, name, top=False):
        if status.isDirectory():
            os.mkdir(local)
            if not top and os.path.basename(local).startswith("."):
                return  # hidden: the binary skips it without looking inside
            for child in fs.listStatus(status.getPath()):
                entry = child.getPath().getName()
                self._mirror(fs, child, os.path.join(local, entry), name.rstrip("/") + "/" + entry)
        elif status.isFile():
            open(local, "wb").close()
            self.lengths[name] = status.getLen()
        else:
            os.mkfifo(local)  # neither file nor folder: the binary skips it as not a regular file

    def name(self, path):
        """The URI a skeleton path of the plan stands for, or None for a local input."""
        for base, name in self.roots:
            if path == base.rstrip("/") or path.startswith(base if base.endswith("/") else base + "/"):
                return name + path[len(base):]
        return None

    def names(self, text):
        """`text` (the binary's message) with skeleton paths replaced by their URIs."""
        for base, name in sorted(self.roots, key=lambda r: -len(r[0])):
            text = text.replace(base, name)
        return text


def plan_inputs(binary, pipeline, inputs, skeleton=None):
    """`copydesk engine plan` over `inputs` (URIs replaced by their skeleton paths); files named by URI."""
    given = []
    for path in inputs:
        given += skeleton.add(path) if skeleton is not None and is_uri(path) else [path]
    arguments = []
    for path in given:
        arguments += ["--input", path]
    planned = subprocess.run([binary, "engine", "plan", pipeline] + arguments, capture_output=True, text=True)
    if planned.returncode != 0:
        raise Refused(skeleton.names(planned.stderr) if skeleton else planned.stderr, planned.returncode, raw=True)
    plan = json.loads(planned.stdout)
    plan["remote"] = {}
    if skeleton is not None:
        files = []
        for path in plan["files"]:
            name = skeleton.name(path)
            if name is not None:
                plan["remote"][name] = skeleton.lengths[name]
            files.append(name or path)
        plan["files"] = files
        for skipped in plan["skipped"]:
            skipped["path"] = skeleton.name(skipped["path"]) or skipped["path"]
    return plan


def remote_names_refused(plan):
    """Files Hadoop's input formats cannot read by name: they drop names starting with '_' or '.', take
    commas as separators and glob characters as patterns."""
    for name in plan["remote"]:
        base = name.rstrip("/").rsplit("/", 1)[-1]
        if base.startswith(("_", ".")) or any(c in name for c in ",*?[]{}\\"):
            return (f"{name}: Spark's Hadoop input formats do not read a file whose name starts with '_' or '.' or "
                    "holds one of , * ? [ ] { } \\ (they skip it or take it as a pattern); rename it")
    return None


def local_scratch():
    """A private directory in the executor's local scratch space (spark.local.dir, YARN's container
    directories: SPARK_LOCAL_DIRS), else the system's temporary directory."""
    dirs = [d for d in os.environ.get("SPARK_LOCAL_DIRS", "").split(",") if d]
    base = dirs[os.getpid() % len(dirs)] if dirs else None
    return tempfile.mkdtemp(prefix="copydesk-inputs-", dir=base)


# ---------------------------------------------------------------------------------------------------
# The job


def run(args):
    binary = find_binary(args.binary)
    pipeline = os.path.abspath(args.pipeline)
    # Refused on the driver before any task: a pipeline that does not validate, or cannot run distributed.
    check = subprocess.run([binary, "validate", pipeline], capture_output=True, text=True)
    if check.returncode != 0:
        sys.stderr.write(check.stderr)
        sys.exit(check.returncode)
    uris = any(is_uri(path) for path in args.input)
    skeletons = tempfile.mkdtemp(prefix="copydesk-spark-plan-")
    try:
        # Before Spark starts: the pipeline's parts and the local inputs, each URI standing in as one file
        # (its listing needs Spark's filesystems and comes after).
        given = []
        for k, path in enumerate(args.input):
            if is_uri(path):
                stand_in = os.path.join(skeletons, "stand-in", str(k), path.rstrip("/").rsplit("/", 1)[-1] or "input")
                os.makedirs(os.path.dirname(stand_in))
                open(stand_in, "wb").close()
                path = stand_in
            given.append(path)
        plan = plan_inputs(binary, pipeline, given)
        if args.index and plan["dedupe"] is None:
            fail(f"--index {args.index}: {args.pipeline} has no dedupe stage to match against an index", EXIT_USAGE)
    except Refused as refused:
        shutil.rmtree(skeletons, ignore_errors=True)
        sys.stderr.write(str(refused))
        sys.exit(refused.code)
    except SystemExit:
        shutil.rmtree(skeletons, ignore_errors=True)
        raise

    from pyspark.sql import SparkSession
    builder = (SparkSession.builder.appName("copydesk-spark")
               .config("spark.ui.showConsoleProgress", "false"))
    for setting in args.conf:
        key, equals, value = setting.partition("=")
        if not equals or not key:
            fail(f"--conf {setting}: expected KEY=VALUE", EXIT_USAGE)
        builder = builder.config(key, value)
    if args.partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(args.partitions))
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel(os.environ.get("COPYDESK_SPARK_LOG", "WARN"))
    sc.addFile(binary)
    sc.addFile(pipeline)
    workers = int(sc.getConf().get("spark.task.cpus", "1"))
    engine = Engine(binary, pipeline, os.getcwd(), workers)
    partitions = args.partitions or max(2, sc.defaultParallelism)
    if not args.partitions and "spark.sql.shuffle.partitions" not in dict(sc.getConf().getAll()):
        spark.conf.set("spark.sql.shuffle.partitions", str(partitions))

    jvm = sc._jvm
    hadoop = sc._jsc.hadoopConfiguration()
    out_path = jvm.org.apache.hadoop.fs.Path(args.output)
    fs = out_path.getFileSystem(hadoop)
    output = fs.makeQualified(out_path).toString()
    staging = f"{output}/_staging-{uuid.uuid4().hex}"
    try:
        if uris:
            # The URIs listed through Spark's filesystems, ordered by the binary's rules.
            plan = plan_inputs(binary, pipeline, args.input, Skeleton(spark, os.path.join(skeletons, "tree")))
            refused = remote_names_refused(plan)
            if refused:
                raise Refused(refused)
        shutil.rmtree(skeletons, ignore_errors=True)
        report = job(spark, engine, plan, partitions, staging, args.index)
        commit(spark, fs, output, staging, report)
    except Refused as refused:
        remove(spark, staging)
        if refused.raw:
            sys.stderr.write(str(refused))
            sys.exit(refused.code)
        fail(f"{refused}; nothing was committed to {args.output}", refused.code)
    except Exception as error:  # noqa: BLE001 - the job's failure, reported with the binary's message
        remove(spark, staging)
        message = str(error)
        marker = message.find("copydesk engine ")
        if marker >= 0:
            message = message[marker:].split("\n\tat ")[0]
            message = message.split("\n\n")[0]
        fail(f"the job failed, nothing was committed to {args.output}: {message}", EXIT_IO)
    finally:
        shutil.rmtree(skeletons, ignore_errors=True)
        spark.stop()
    print(f"copydesk-spark: {report['documents_in']} in, {report['documents_out']} out, "
          f"{report['dropped']} dropped, {report['rejected']} rejected -> {args.output}", file=sys.stderr)


def remove(spark, path):
    jvm = spark.sparkContext._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    p.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).delete(p, True)


def commit(spark, fs, output, staging, report):
    """Moves the staged outputs into place (replacing an earlier run's), report.json, then _SUCCESS."""
    jvm = spark.sparkContext._jvm
    Path = jvm.org.apache.hadoop.fs.Path
    for name in ("records", "parquet", "drops", "rejects", "index", "report.json", "_SUCCESS"):
        fs.delete(Path(f"{output}/{name}"), True)
    for name in ("records", "parquet", "drops", "rejects", "index"):
        if name == "index" and not fs.exists(Path(f"{staging}/{name}")):
            continue  # a pipeline without dedupe has no index
        if not fs.rename(Path(f"{staging}/{name}"), Path(f"{output}/{name}")):
            raise RuntimeError(f"cannot move {staging}/{name} into place")
    stream = fs.create(Path(f"{output}/report.json"), True)
    stream.write(bytearray((json.dumps(report, indent=2, sort_keys=True) + "\n").encode("utf-8")))
    stream.close()
    fs.delete(Path(staging), True)
    fs.create(Path(f"{output}/_SUCCESS"), True).close()


def merge_stats(into, stats):
    for stage, s in stats.get("stages", {}).items():
        if stage == "engine-output":
            continue
        t = into.setdefault(stage, {"in": 0, "out": 0, "dropped": 0, "rejected": 0, "counters": {}})
        for k in ("in", "out", "dropped", "rejected"):
            t[k] += s.get(k, 0)
        for k, v in s.get("counters", {}).items():
            t["counters"][k] = t["counters"].get(k, 0) + v


def job(spark, engine, plan, partitions, staging, index_path=None):
    from pyspark import StorageLevel
    sc = spark.sparkContext
    files = list(enumerate(plan["files"]))
    remote = plan.get("remote", {})
    stages = {}

    def before(rows):
        """rows: (number, path, None) for a file the binary reads, (number, URI, bytes) for one read
        through Spark: written to a local copy (removed afterwards) that the binary reads as the URI."""
        scratch = None

        def manifest():
            nonlocal scratch
            for i, path, data in rows:
                if data is None:
                    yield f"{i}\t{path}"
                    continue
                if scratch is None:
                    scratch = local_scratch()
                copy = os.path.join(scratch, str(i))
                with open(copy, "wb") as f:
                    f.write(data)
                del data
                yield f"{i}\t{path}\t{copy}"

        try:
            yield from engine.run("documents", manifest(), ["--part", "before", "--workers", str(engine.workers)], outcomes=True)
        finally:
            if scratch is not None:
                shutil.rmtree(scratch, ignore_errors=True)

    # Files the binary reads.
    direct = [(i, p, None) for i, p in files if p not in remote]
    first = sc.parallelize(direct, max(1, min(len(direct), partitions * 4))) if direct else None
    # The others through Spark: sc.binaryFiles gives each file whole (one byte array in the executor, one
    # bytes object in the Python worker), combined into about as many partitions as local files get.
    fetched = [(i, p) for i, p in files if p in remote]
    if fetched:
        hadoop = sc._jsc.hadoopConfiguration()
        Path = sc._jvm.org.apache.hadoop.fs.Path
        numbers = {}  # qualified path -> its places in the plan (an input given twice is read twice)
        for i, p in fetched:
            path = Path(p)
            numbers.setdefault(path.getFileSystem(hadoop).makeQualified(path).toString(), []).append((i, p))

        def numbered(item):
            found = numbers.get(item[0])
            if found is None:
                raise RuntimeError(f"copydesk-spark: Spark read {item[0]}, which is not in the plan")
            return [(i, p, item[1]) for i, p in found]

        through_spark = sc.binaryFiles(",".join(sorted(numbers)), max(1, min(len(fetched), partitions * 4))).flatMap(numbered)
        first = through_spark if first is None else first.union(through_spark)
    first = first.mapPartitions(before)
    first.persist(StorageLevel.MEMORY_AND_DISK)
    before_stats = first.filter(lambda r: r[0] == "stats").map(lambda r: r[1]).collect()
    read = sum(s.get("files", 0) for s in before_stats)
    if read != len(files):
        raise RuntimeError(f"copydesk engine documents read {read} input files of the {len(files)} planned")
    documents_in = sum(s["in"] for s in before_stats)
    for s in before_stats:
        merge_stats(stages, s)
    outcomes = first.filter(lambda r: r[0] == "outcome").map(lambda r: r[1])
    docs = first.filter(lambda r: r[0] == "line").map(lambda r: r[1])
    extra_outcomes = []
    dedupe_report = None

    if plan["dedupe"] is None:
        keyed = docs.map(lambda line: ((int(line.split("\t", 2)[0]), int(line.split("\t", 2)[1])), line))
        ordered = keyed.sortByKey(numPartitions=partitions).map(lambda kv: kv[1])
        after_in = ordered

        def finish(lines):
            return engine.run("documents", lines, ["--part", "after", "--workers", str(engine.workers)], outcomes=True)
        final = after_in.mapPartitions(finish)
    else:
        final, dedupe_report = dedupe(spark, engine, plan, partitions, docs, index_path, staging)

    final.persist(StorageLevel.MEMORY_AND_DISK)
    final_stats = final.filter(lambda r: r[0] == "stats").map(lambda r: r[1]).collect()
    apply_counters = {}
    for s in final_stats:
        if s.get("mode") == "apply":
            for k, v in s["counters"].items():
                apply_counters[k] = apply_counters.get(k, 0) + v
        else:
            merge_stats(stages, s)
    records = final.filter(lambda r: r[0] == "line").map(lambda r: r[1])
    records.saveAsTextFile(f"{staging}/records")
    outcomes = outcomes.union(final.filter(lambda r: r[0] == "outcome").map(lambda r: r[1]))

    # Drops and rejects, in input order (file, position), each as the line one machine's run writes.
    def split(line):
        f, p, kind, record = line.split("\t", 3)
        return ((int(f), int(p)), (kind, record))
    keyed_outcomes = outcomes.map(split).sortByKey(numPartitions=max(1, partitions // 2))
    keyed_outcomes.persist(StorageLevel.MEMORY_AND_DISK)
    keyed_outcomes.filter(lambda kv: kv[1][0] == "drop").map(lambda kv: kv[1][1]).saveAsTextFile(f"{staging}/drops")
    keyed_outcomes.filter(lambda kv: kv[1][0] == "reject").map(lambda kv: kv[1][1]).saveAsTextFile(f"{staging}/rejects")
    dropped = keyed_outcomes.filter(lambda kv: kv[1][0] == "drop").count()
    rejected = keyed_outcomes.filter(lambda kv: kv[1][0] == "reject").count()

    written = spark.read.text(f"{staging}/records")
    out = written.count()
    if out > 0:
        spark.read.json(f"{staging}/records").write.parquet(f"{staging}/parquet")
    else:
        spark.createDataFrame([], "id string").write.parquet(f"{staging}/parquet")

    report = {
        "pipeline": engine.pipeline,
        "status": "ok",
        "engine": "spark",
        "input_files": len(files),
        "skipped_files": plan.get("skipped", []),
        "documents_in": documents_in,
        "documents_out": out,
        "dropped": dropped,
        "rejected": rejected,
        "balanced": documents_in == out + dropped + rejected,
        "stages": stages,
    }
    if dedupe_report is not None:
        dedupe_report["counters"].update({k: v for k, v in apply_counters.items() if k not in ("documents", "dropped")})
        dedupe_report["dropped"] = apply_counters.get("dropped", 0)
        dedupe_report["out"] = dedupe_report["in"] - dedupe_report["dropped"]
        report["stages"][plan["dedupe"]["stage"]] = dedupe_report
    return report


INDEX_COLUMNS = ("n", "id", "run", "f", "p", "words", "hash", "matcher", "bands", "anchors", "summary", "sig",
                 "cluster", "canonical", "cluster_id", "canonical_id", "settings")


def read_index(spark, path, plan):
    """The index of earlier runs (`--index`), checked: its columns, its numbering (0, 1, … in index
    order) and the dedupe settings its signatures were written with. Refused with exit 64."""
    from pyspark.sql import functions as F
    jvm = spark.sparkContext._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    fs = p.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    if not fs.exists(p):
        raise Refused(f"--index {path} does not exist; give the index/ directory of an earlier copydesk-spark run's --output")
    try:
        earlier = spark.read.parquet(path)
    except Exception as error:  # noqa: BLE001 - Spark's analysis error, reported in one line
        raise Refused(f"--index {path} is not a copydesk-spark index (Parquet): {str(error).splitlines()[0]}")
    missing = [c for c in INDEX_COLUMNS if c not in earlier.columns]
    if missing:
        raise Refused(f"--index {path} is not a copydesk-spark index: no column {', '.join(missing)}; "
                      "give the index/ directory of an earlier copydesk-spark run's --output")
    facts = earlier.agg(F.count(F.lit(1)).alias("count"), F.min("n").alias("low"), F.max("n").alias("high"),
                        F.countDistinct("n").alias("distinct"), F.collect_set("settings").alias("settings"),
                        F.max("run").alias("run")).first()
    count = facts["count"]
    if count and (facts["low"] != 0 or facts["high"] != count - 1 or facts["distinct"] != count):
        raise Refused(f"--index {path} is incomplete or mixed (its documents are not numbered 0…{count - 1}); "
                      "give one run's whole index/ directory")
    wanted = plan["dedupe"]["settings"]
    for settings in facts["settings"]:
        if settings != wanted:
            theirs, ours = dict(w.split("=", 1) for w in settings.split()), dict(w.split("=", 1) for w in wanted.split())
            differences = ", ".join(f"{k} {theirs.get(k)} (now {ours.get(k)})" for k in sorted(set(theirs) | set(ours))
                                    if theirs.get(k) != ours.get(k))
            raise Refused(f"--index {path} was written with other dedupe settings: {differences}; run with the same "
                          "dedupe options and copydesk version, or run without --index to start a new index")
    return earlier, count, (facts["run"] or 0)


class Refused(Exception):
    """A usage error found on the driver (exit 64, or `code`): nothing ran, nothing was committed. `raw`:
    the message is the binary's own (printed as it is)."""

    def __init__(self, message, code=EXIT_USAGE, raw=False):
        super().__init__(message)
        self.code = code
        self.raw = raw


def recognise(item):
    """One id found both in this batch and in the index: as one machine's dedupe stage meets the
    batch's documents with that id in input order, each takes the first earlier entry not yet taken
    with the same content (already indexed), else the first with other content (an updated version,
    which retires it). Yields ((f, p), (kind, earlier number))."""
    _, rows = item
    batch = sorted((r[1], r[2], r[3]) for r in rows if r[0] == 0)
    entries = sorted((r[1], r[2]) for r in rows if r[0] == 1)
    taken = set()
    for f, p, h in batch:
        found = other = None
        for e, eh in entries:
            if e in taken:
                continue
            if eh == h:
                found = e
                break
            if other is None:
                other = e
        if found is not None:
            taken.add(found)
            yield ((f, p), ("indexed", found))
        elif other is not None:
            taken.add(other)
            yield ((f, p), ("updates", other))


def dedupe(spark, engine, plan, partitions, docs, index_path, staging):
    """Global dedupe: signatures -> candidate pairs -> verify -> in-order replay -> apply (+ after), and
    the index of this run and the earlier ones (index_path, when given) into staging/index."""
    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql.types import ArrayType, LongType, StringType, StructField, StructType

    band_cap = plan["dedupe"]["band_cap"]
    anchor_cap = plan["dedupe"]["anchor_cap"]
    settings = plan["dedupe"]["settings"]
    if index_path:
        earlier, total_earlier, last_run = read_index(spark, index_path, plan)
        earlier = earlier.select(*INDEX_COLUMNS)
        earlier.persist(StorageLevel.MEMORY_AND_DISK)
    else:
        earlier, total_earlier, last_run = None, 0, 0
    E = total_earlier

    def signatures(lines):
        for kind, value in engine.run("signatures", lines):
            if kind == "line":
                f, p, words, h, bands, anchors, summary, sig = value.split("\t", 7)
                yield ((int(f), int(p)), (json.loads(summary)["id"], int(words), int(h),
                                          [int(x) for x in bands.split(",")] if bands else [],
                                          [int(x) for x in anchors.split(",")] if anchors else [], summary, sig))

    # The signatures stay in the partitions of their documents (one line out for each line in, in order):
    # what later steps need of them is taken from here, the whole signature shuffled only where a pair or
    # a canonical member needs it.
    signed = docs.mapPartitions(signatures)
    signed.persist(StorageLevel.DISK_ONLY)
    # An incremental run first recognises the batch's documents already in the index (an id with the same
    # content: it keeps its earlier number) and updated versions (an id with other content).
    recognised, kinds = None, {}
    if earlier is not None:
        batch_ids = spark.createDataFrame(signed.map(lambda kv: (kv[1][0], kv[0][0], kv[0][1], kv[1][2])),
                                          "id string, f long, p long, hash long")
        shared = batch_ids.join(earlier.select("id").distinct(), "id")
        entries = earlier.select("id", "n", "hash").join(shared.select("id").distinct(), "id")
        rows = (shared.rdd.map(lambda r: (r.id, (0, r.f, r.p, r.hash)))
                .union(entries.rdd.map(lambda r: (r.id, (1, r.n, r.hash)))))
        recognised = rows.groupByKey().flatMap(recognise)
        recognised.persist(StorageLevel.MEMORY_AND_DISK)
        kinds = dict(recognised.map(lambda kv: kv[1][0]).countByValue())
        if not kinds:
            recognised = None
    if recognised is not None:
        marked = signed.leftOuterJoin(recognised)
        indexed = marked.filter(lambda kv: kv[1][1] is not None and kv[1][1][0] == "indexed")
        fresh = marked.filter(lambda kv: kv[1][1] is None or kv[1][1][0] == "updates").map(
            lambda kv: (kv[0], kv[1][0] + (kv[1][1][1] if kv[1][1] else None,)))
        in_place = False
        sigs = fresh.sortByKey(numPartitions=partitions).zipWithIndex()
        numbered_sigs = sigs.map(lambda kv: (kv[0][0][0], kv[0][0][1], E + kv[1]) + kv[0][1])
    else:
        # Numbered in place, without a shuffle: each input file's documents are in one partition, in
        # order, so a document's number is its file's offset (the documents of the files before it) plus
        # its place in its file.
        indexed = None
        in_place = False

        def tally(i, items):
            counts, last, ordered, current = {}, {}, True, None
            for (f, p), _ in items:
                # Each file's documents together and in order (what the places below assume).
                ordered = ordered and (f == current or f not in last) and (f not in last or p > last[f])
                current = f
                last[f] = p
                counts[f] = counts.get(f, 0) + 1
            yield (i, list(counts.items()), ordered)

        offsets, homes, order, ordered = {}, {}, [], True
        for i, counts, in_order in signed.mapPartitionsWithIndex(tally).collect():
            ordered = ordered and in_order
            place = 0
            for f, count in counts:
                ordered = ordered and f not in offsets
                offsets[f], homes[f] = count, (i, place)
                place += count
                order.append(f)
        total_fresh = 0
        for f in sorted(offsets):
            offsets[f], total_fresh = E + total_fresh, total_fresh + offsets[f]
        # When the partitions hold the files in input order, and enough of them for the cluster's
        # parallelism, the records stay where they are: apply comes to them (below).
        in_place = ordered and order == sorted(order) and len({i for i, _ in homes.values()}) >= partitions

        def number(items):
            places = {}
            for (f, p), value in items:
                k = places.get(f, 0)
                places[f] = k + 1
                yield (f, p, offsets[f] + k) + value + (None,)

        if ordered:
            numbered_sigs = signed.mapPartitions(number)
        else:
            # A file's documents out of order or in two partitions: numbered by sorting their keys.
            sigs = signed.map(lambda kv: (kv[0], kv[1] + (None,))).sortByKey(numPartitions=partitions).zipWithIndex()
            numbered_sigs = sigs.map(lambda kv: (kv[0][0][0], kv[0][0][1], E + kv[1]) + kv[0][1])
    schema = StructType([
        StructField("f", LongType()), StructField("p", LongType()), StructField("n", LongType()), StructField("id", StringType()),
        StructField("words", LongType()), StructField("hash", LongType()),
        StructField("bands", ArrayType(LongType())), StructField("anchors", ArrayType(LongType())),
        StructField("summary", StringType()), StructField("sig", StringType()), StructField("replaces", LongType())])
    sigdf = spark.createDataFrame(numbered_sigs, schema)
    sigdf.persist(StorageLevel.DISK_ONLY)
    updates = sigdf.where(F.col("replaces").isNotNull()).select(F.col("replaces").alias("e"), F.col("n").alias("s"), "id")
    has_updates = kinds.get("updates", 0) > 0

    # Documents that search: words, band keys, and not an exact copy of an earlier document. A document of
    # the index is the original of its content until an updated version retires it.
    searching = sigdf.where(F.col("words") > 0).select("n", "hash", "bands", "anchors")
    if earlier is not None:
        originals = earlier.where(F.col("words") > 0).groupBy("hash").agg(F.min("n").alias("e"))
        originals = originals.join(updates.select("e", "s"), "e", "left")
        searching = searching.join(originals, "hash", "left").where(
            F.col("e").isNull() | (F.col("s").isNotNull() & (F.col("n") > F.col("s"))))
    first = F.min("n").over(Window.partitionBy("hash"))
    new_matchers = (searching.withColumn("first", first)
                    .where((F.col("n") == F.col("first")) & (F.size("bands") > 0)).select("n", "bands", "anchors"))
    matchers = new_matchers
    if earlier is not None:
        matchers = earlier.where(F.col("matcher")).select("n", "bands", "anchors").unionByName(new_matchers)
    matchers.persist(StorageLevel.MEMORY_AND_DISK)
    # Band keys: a document meets the first `band_cap` earlier documents with each key.
    bands = matchers.select("n", F.posexplode("bands").alias("slot", "key"))
    bands = bands.withColumn("rank", F.row_number().over(Window.partitionBy("key").orderBy("n", "slot")) - 1)
    stored = bands.where(F.col("rank") < band_cap).select("key", F.col("n").alias("c"), F.col("rank").alias("crank"))
    band_pairs = (bands.where(F.col("n") >= E).join(stored, "key").where(F.col("crank") < F.col("rank"))
                  .select(F.col("n").alias("d"), "c").where(F.col("d") != F.col("c"))
                  .distinct().withColumn("band", F.lit(1)).withColumn("hits", F.lit(0)))
    # Anchors: while fewer than `anchor_cap` earlier documents have one, a document meets them all.
    anchors = matchers.select("n", F.explode("anchors").alias("key"))
    anchors = anchors.withColumn("rank", F.row_number().over(Window.partitionBy("key").orderBy("n")) - 1)
    anchors = anchors.where(F.col("rank") < anchor_cap)
    anchor_pairs = (anchors.where(F.col("n") >= E).alias("a").join(anchors.alias("b"), "key").where(F.col("b.rank") < F.col("a.rank"))
                    .select(F.col("a.n").alias("d"), F.col("b.n").alias("c"))
                    .groupBy("d", "c").agg(F.count(F.lit(1)).alias("hits")).withColumn("band", F.lit(0)))
    candidates = (band_pairs.select("d", "c", "band", "hits").unionByName(anchor_pairs.select("d", "c", "band", "hits"))
                  .groupBy("d", "c").agg(F.max("band").alias("band"), F.sum("hits").alias("hits"))
                  .where((F.col("band") > 0) | (F.col("hits") >= 2)).select("d", "c"))
    if has_updates:
        # A retired earlier version is never matched against a document with its id.
        retired = updates.select(F.col("e").alias("c"), F.col("id").alias("retired_id"))
        candidates = (candidates.join(retired, "c", "left").join(sigdf.select(F.col("n").alias("d"), F.col("id").alias("did")), "d")
                      .where(F.col("retired_id").isNull() | (F.col("retired_id") != F.col("did"))).select("d", "c"))

    # Every signature shuffled once, by number; the pairs (two numbers) go to it: a pair's later signature
    # travels with it, to its earlier document's partition.
    all_sigs = sigdf.select("n", "sig")
    if earlier is not None:
        all_sigs = earlier.select("n", "sig").unionByName(all_sigs)
    all_sigs = all_sigs.repartition(partitions, "n")
    all_sigs.persist(StorageLevel.DISK_ONLY)
    own = all_sigs.select(F.col("n").alias("d"), F.col("sig").alias("dsig"))
    other = all_sigs.select(F.col("n").alias("c"), F.col("sig").alias("csig"))
    pairs = candidates.join(own, "d").join(other, "c").select("d", "c", "dsig", "csig")

    def verify(rows):
        lines = (f"{r.d}\t{r.c}\t{r.dsig}\t{r.csig}" for r in rows)
        for kind, value in engine.run("verify", lines):
            yield (kind, value)

    verified = pairs.rdd.mapPartitions(verify)
    verified.persist(StorageLevel.MEMORY_AND_DISK)
    verify_stats = verified.filter(lambda r: r[0] == "stats").map(lambda r: r[1]).collect()
    judged = verified.filter(lambda r: r[0] == "line").map(lambda r: r[1].split("\t"))
    judged_df = spark.createDataFrame(judged.map(lambda t: (int(t[0]), int(t[1]), t[2])), "d long, c long, rel string")
    judgments = judged_df.groupBy("d").agg(
        F.concat_ws(",", F.collect_list(F.concat_ws(":", F.col("c").cast("string"), F.col("rel")))).alias("judgments"))

    # The in-order replay: one task, about 100 bytes a document; the index's documents first, with their clusters.
    new_lines = (sigdf.select("n", "summary", "replaces").join(judgments.withColumnRenamed("d", "n"), "n", "left")
                 .select("n", F.concat_ws("\t", F.col("n").cast("string"), "summary", F.coalesce("judgments", F.lit("")),
                                          F.col("replaces").cast("string")).alias("line")))
    replay_in = new_lines
    if earlier is not None:
        earlier_lines = earlier.select("n", F.concat_ws(
            "\t", F.col("n").cast("string"), "summary", F.col("cluster").cast("string"), F.col("canonical").cast("string"),
            F.when(F.col("matcher"), F.lit("0")).otherwise(F.lit("1"))).alias("line"))
        replay_in = earlier_lines.unionByName(new_lines)
    replay_in = replay_in.repartition(1).sortWithinPartitions("n")

    def cluster(rows):
        for kind, value in engine.run("cluster", (r.line for r in rows)):
            if kind == "line":
                n, c, root, assignment = value.split("\t", 3)
                yield ("line", (int(n), int(c), int(root), assignment))
            else:
                yield (kind, value)

    clustered = replay_in.rdd.mapPartitions(cluster)
    clustered.persist(StorageLevel.MEMORY_AND_DISK)
    cluster_stats = clustered.filter(lambda r: r[0] == "stats").map(lambda r: r[1]).collect()
    assignments = spark.createDataFrame(clustered.filter(lambda r: r[0] == "line").map(lambda r: r[1]),
                                        "n long, canonical long, root long, assignment string")
    assignments.persist(StorageLevel.MEMORY_AND_DISK)

    # Apply: each document's record and signature (where they are) meet its number, assignment and, when
    # another document is its canonical member, that member's signature, in one shuffle into ranges of
    # input order (the small row sorts just before the record it belongs to).
    numbered = sigdf.select("f", "p", "n")
    already = kinds.get("indexed", 0)
    if already:
        # Documents already in the index: their earlier number, cluster and canonical member.
        again = spark.createDataFrame(indexed.map(lambda kv: (kv[0][0], kv[0][1], kv[1][1][1])), "f long, p long, n long")
        numbered = numbered.unionByName(again)
    placed = numbered.join(assignments.select("n", "canonical", "assignment"), "n")
    # A new document that is its own canonical member is applied against its own signature (an indexed one
    # against the index's, as the run that indexed it).
    own_canonical = (F.col("canonical") == F.col("n")) & (F.col("n") >= E)
    placed = (placed.where(own_canonical).withColumn("csig", F.lit(None).cast("string"))
              .unionByName(placed.where(~own_canonical)
                           .join(all_sigs.select(F.col("n").alias("canonical"), F.col("sig").alias("csig")), "canonical")
                           .select(*placed.columns, "csig")))
    def apply_then_after(rows):
        """rows: (f, p, n, record, signature, assignment, canonical's signature or None)."""
        lines = (f"{f}\t{p}\t{n}\t{record}\t{sig}\t{assignment}\t{sig if csig is None else csig}"
                 for f, p, n, record, sig, assignment, csig in rows)
        return engine.run("apply", lines, outcomes=True,
                          then=("documents", ["--part", "after", "--workers", str(engine.workers)]))

    if in_place:
        # Each document's assignment sent to the partition holding its record, in the order of its
        # records (the partitions are in input order, and so are the records they write).
        ranks = sorted((offsets[f], f) for f in offsets)
        starts = [start for start, _ in ranks]

        def home(n):
            f = ranks[bisect.bisect_right(starts, n) - 1][1]
            i, place = homes[f]
            return (i, place + n - offsets[f])

        aligned = (placed.rdd.map(lambda r: (home(r.n), (r.f, r.p, r.n, r.assignment, r.csig)))
                   .repartitionAndSortWithinPartitions(signed.getNumPartitions(), lambda key: key[0]))

        def meet(item):
            (f, p, record, sig), (_, (af, ap, n, assignment, csig)) = item
            if (af, ap) != (f, p):
                raise RuntimeError(f"copydesk-spark: document {f}:{p} met the assignment of {af}:{ap}")
            return (f, p, n, record, sig, assignment, csig)

        here = docs.zip(signed).map(lambda ds: (ds[1][0][0], ds[1][0][1], ds[0].split("\t", 2)[2], ds[1][1][6]))
        final = here.zip(aligned).map(meet).mapPartitions(apply_then_after)
    else:
        small = placed.rdd.map(lambda r: ((r.f, r.p, 0), (r.n, r.assignment, r.csig)))
        big = docs.zip(signed).map(lambda ds: ((ds[1][0][0], ds[1][0][1], 1), (ds[0].split("\t", 2)[2], ds[1][1][6])))
        # Ranges of input order from a sample of the documents' keys (any split gives the same records).
        everyone = signed.count()
        keys = sorted(signed.map(lambda kv: kv[0]).sample(False, min(1.0, 40.0 * partitions / max(1, everyone)), 7).collect())
        bounds = [keys[len(keys) * i // partitions] for i in range(1, partitions)] if keys else []

        def in_range(key):
            return bisect.bisect_right(bounds, (key[0], key[1]))

        def pair(items):
            pending = None
            for (f, p, kind), value in items:
                if kind == 0:
                    pending = (f, p, value)
                    continue
                if pending is None or pending[0] != f or pending[1] != p:
                    raise RuntimeError(f"copydesk-spark: document {f}:{p} has no cluster assignment")
                n, assignment, csig = pending[2]
                record, sig = value
                yield (f, p, n, record, sig, assignment, csig)
                pending = None

        final = (small.union(big).repartitionAndSortWithinPartitions(partitions, in_range)
                 .mapPartitions(lambda items: apply_then_after(pair(items))))

    # The index of this run and the earlier ones: every current document (retired versions left out,
    # the rest renumbered in order, each cluster named by its first remaining member).
    # The numbers (cluster, canonical, renumbering) are worked out on narrow rows; the wide columns
    # (band keys, anchors, signature) join them once, by number.
    matched = new_matchers.select("n", F.lit(True).alias("matcher"))
    run = last_run + 1
    wide_columns = ["id", "f", "p", "words", "hash", "bands", "anchors", "summary"]
    current = (sigdf.join(matched, "n", "left")
               .select("n", "id", F.lit(run).cast("long").alias("run"), F.coalesce("matcher", F.lit(False)).alias("matcher")))
    wide = sigdf.select("n", *wide_columns)
    if earlier is not None:
        kept = earlier
        if has_updates:
            kept = kept.join(updates.select(F.col("e").alias("n")), "n", "left_anti")
        current = kept.select(*current.columns).unionByName(current)
        wide = kept.select(*wide.columns).unionByName(wide)
    current = current.join(assignments.select("n", F.col("root").alias("old_root"), F.col("canonical").alias("old_canonical")), "n")
    current = current.withColumn("old", F.col("n"))
    if has_updates:
        renumber = (current.select("n").rdd.map(lambda r: (r.n, None)).sortByKey(numPartitions=partitions)
                    .zipWithIndex().map(lambda kv: (kv[0][0], kv[1])))
        renumber = spark.createDataFrame(renumber, "old long, new long")
        renumber.persist(StorageLevel.MEMORY_AND_DISK)
        current = current.join(renumber.withColumnRenamed("old", "n"), "n").drop("n").withColumnRenamed("new", "n")
        current = current.join(renumber.select(F.col("old").alias("old_canonical"), F.col("new").alias("canonical")), "old_canonical")
        current = current.withColumn("cluster", F.min("n").over(Window.partitionBy("old_root")))
    else:
        current = current.withColumn("cluster", F.col("old_root")).withColumn("canonical", F.col("old_canonical"))
    names = current.select("n", "id")
    numbers = (current.join(names.select(F.col("n").alias("cluster"), F.col("id").alias("cluster_id")), "cluster")
               .join(names.select(F.col("n").alias("canonical"), F.col("id").alias("canonical_id")), "canonical")
               .select("old", "n", "run", "matcher", "cluster", "canonical", "cluster_id", "canonical_id"))
    index = (numbers.join(wide.withColumnRenamed("n", "old"), "old").join(all_sigs.withColumnRenamed("n", "old"), "old")
             .withColumn("settings", F.lit(settings)).select(*INDEX_COLUMNS).sortWithinPartitions("n"))
    index.write.parquet(f"{staging}/index")

    counters = {"candidates_verified": sum(s.get("pairs", 0) for s in verify_stats)}
    for s in cluster_stats:
        for k, v in s.get("counters", {}).items():
            counters[k] = counters.get(k, 0) + v
    counters["already_indexed"] = already
    total = sum(s.get("documents", 0) for s in cluster_stats) + already
    return final, {"in": total, "out": None, "dropped": None, "rejected": 0, "counters": counters}


def main():
    parser = argparse.ArgumentParser(prog="copydesk-spark", description="Run a copydesk pipeline on Apache Spark.")
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="run PIPELINE.yaml over --input paths into --output DIR")
    r.add_argument("pipeline")
    r.add_argument("--input", action="append", default=[], metavar="PATH",
                   help="input file or directory, or a URI read through Spark's filesystems (hdfs://, s3a://, ...) "
                        "(repeatable; default: the pipeline's inputs)")
    r.add_argument("--output", required=True, metavar="DIR", help="output directory (records/, parquet/, drops/, rejects/, report.json)")
    r.add_argument("--master", help="Spark master URL (default: spark-submit's, else local[*])")
    r.add_argument("--binary", help="the copydesk binary (default: beside this script, else on PATH)")
    r.add_argument("--partitions", type=int, help="partitions per step (default: the cluster's parallelism, at least 2)")
    r.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                   help="a Spark setting, as spark-submit's --conf (repeatable): spark.hadoop.* for the filesystems")
    r.add_argument("--index", metavar="PATH",
                   help="an earlier run's DIR/index: match this batch against the documents of that run and the runs before it")
    args = parser.parse_args()
    if args.command == "run":
        run(args)


if __name__ == "__main__":
    main()
