#!/usr/bin/env python3
"""copydesk on Apache Spark (pyspark 4.x): the same records and clusters as one machine's `copydesk run`.

    copydesk-spark run PIPELINE.yaml --input PATH... --output DIR [--master URL] [--binary PATH]

The copydesk binary does all document work; this driver only moves its lines between partitions
(docs/spark.md):

  plan        (driver)  the input files in order, the pipeline's parts; `copydesk validate` first
  documents   per partition of files: the per-document stages before dedupe
  signatures  per partition: each document's band keys, anchors and sample
  candidates  (Spark) documents sharing band keys / anchors, with the caps one machine uses
  verify      per partition of pairs: the relation of each candidate pair
  cluster     one task: the judgments replayed in input order -> cluster and canonical member
  apply+after per range of documents in input order: `duplicate` filled in, the stages after dedupe,
              the export's JSONL records

Outputs: DIR/records/ (JSONL parts, in input order), DIR/parquet/, DIR/drops/, DIR/rejects/,
DIR/report.json and DIR/_SUCCESS, moved into place only when every step succeeded.
"""

import argparse
import json
import os
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

            def feed():
                try:
                    out = procs[0].stdin
                    for line in lines:
                        out.write(line.encode("utf-8", "surrogateescape"))
                        out.write(b"\n")
                    out.close()
                except BrokenPipeError:
                    pass  # the binary stopped reading: its exit code and message tell why

            feeder = threading.Thread(target=feed, daemon=True)
            feeder.start()
            for raw in procs[-1].stdout:
                yield ("line", raw.rstrip(b"\n").decode("utf-8", "surrogateescape"))
            feeder.join()
            part = TaskContext.get().partitionId() if TaskContext.get() else -1
            for (m, _), p, err in zip(stages, procs, errs):
                code = p.wait()
                err.seek(0)
                text = err.read().decode("utf-8", "replace")
                stats = [l for l in text.splitlines() if l.startswith("copydesk-engine-stats ")]
                if code != 0:
                    message = "\n".join(l for l in text.splitlines() if not l.startswith("copydesk-engine-stats "))[-2000:]
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
# The job


def run(args):
    binary = find_binary(args.binary)
    pipeline = os.path.abspath(args.pipeline)
    # Refused on the driver before any task: a pipeline that does not validate, or cannot run distributed.
    check = subprocess.run([binary, "validate", pipeline], capture_output=True, text=True)
    if check.returncode != 0:
        sys.stderr.write(check.stderr)
        sys.exit(check.returncode)
    inputs = []
    for path in args.input:
        inputs += ["--input", path]
    planned = subprocess.run([binary, "engine", "plan", pipeline] + inputs, capture_output=True, text=True)
    if planned.returncode != 0:
        sys.stderr.write(planned.stderr)
        sys.exit(planned.returncode)
    plan = json.loads(planned.stdout)

    from pyspark.sql import SparkSession
    builder = (SparkSession.builder.appName("copydesk-spark")
               .config("spark.ui.showConsoleProgress", "false"))
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
        report = job(spark, engine, plan, partitions, staging)
        commit(spark, fs, output, staging, report)
    except Exception as error:  # noqa: BLE001 - the job's failure, reported with the binary's message
        remove(spark, staging)
        message = str(error)
        marker = message.find("copydesk engine ")
        if marker >= 0:
            message = message[marker:].split("\n\tat ")[0]
            message = message.split("\n\n")[0]
        fail(f"the job failed, nothing was committed to {args.output}: {message}", EXIT_IO)
    finally:
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
    for name in ("records", "parquet", "drops", "rejects", "report.json", "_SUCCESS"):
        fs.delete(Path(f"{output}/{name}"), True)
    for name in ("records", "parquet", "drops", "rejects"):
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


def job(spark, engine, plan, partitions, staging):
    from pyspark import StorageLevel
    sc = spark.sparkContext
    files = list(enumerate(plan["files"]))
    stages = {}

    def before(rows):
        return engine.run("documents", (f"{i}\t{p}" for i, p in rows),
                          ["--part", "before", "--workers", str(engine.workers)], outcomes=True)

    first = sc.parallelize(files, max(1, min(len(files), partitions * 4))).mapPartitions(before)
    first.persist(StorageLevel.MEMORY_AND_DISK)
    before_stats = first.filter(lambda r: r[0] == "stats").map(lambda r: r[1]).collect()
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
        final, dedupe_report = dedupe(spark, engine, plan, partitions, docs)

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


def dedupe(spark, engine, plan, partitions, docs):
    """Global dedupe: signatures -> candidate pairs -> verify -> in-order replay -> apply (+ after)."""
    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql.types import ArrayType, LongType, StringType, StructField, StructType

    band_cap = plan["dedupe"]["band_cap"]
    anchor_cap = plan["dedupe"]["anchor_cap"]

    def signatures(lines):
        for kind, value in engine.run("signatures", lines):
            if kind == "line":
                f, p, words, h, bands, anchors, summary, sig = value.split("\t", 7)
                yield ((int(f), int(p)), (int(words), int(h),
                                          [int(x) for x in bands.split(",")] if bands else [],
                                          [int(x) for x in anchors.split(",")] if anchors else [], summary, sig))

    sigs = docs.mapPartitions(signatures).sortByKey(numPartitions=partitions).zipWithIndex()
    schema = StructType([
        StructField("f", LongType()), StructField("p", LongType()), StructField("n", LongType()),
        StructField("words", LongType()), StructField("hash", LongType()),
        StructField("bands", ArrayType(LongType())), StructField("anchors", ArrayType(LongType())),
        StructField("summary", StringType()), StructField("sig", StringType())])
    sigdf = spark.createDataFrame(
        sigs.map(lambda kv: (kv[0][0][0], kv[0][0][1], kv[1]) + kv[0][1]), schema)
    sigdf.persist(StorageLevel.MEMORY_AND_DISK)

    # Documents that search: words, band keys, and not an exact copy of an earlier document.
    first = F.min("n").over(Window.partitionBy("hash"))
    matchers = (sigdf.where(F.col("words") > 0).withColumn("first", first)
                .where((F.col("n") == F.col("first")) & (F.size("bands") > 0)).select("n", "bands", "anchors"))
    matchers.persist(StorageLevel.MEMORY_AND_DISK)
    # Band keys: a document meets the first `band_cap` earlier documents with each key.
    bands = matchers.select("n", F.posexplode("bands").alias("slot", "key"))
    bands = bands.withColumn("rank", F.row_number().over(Window.partitionBy("key").orderBy("n", "slot")) - 1)
    stored = bands.where(F.col("rank") < band_cap).select("key", F.col("n").alias("c"), F.col("rank").alias("crank"))
    band_pairs = (bands.join(stored, "key").where(F.col("crank") < F.col("rank"))
                  .select(F.col("n").alias("d"), "c").where(F.col("d") != F.col("c"))
                  .distinct().withColumn("band", F.lit(1)).withColumn("hits", F.lit(0)))
    # Anchors: while fewer than `anchor_cap` earlier documents have one, a document meets them all.
    anchors = matchers.select("n", F.explode("anchors").alias("key"))
    anchors = anchors.withColumn("rank", F.row_number().over(Window.partitionBy("key").orderBy("n")) - 1)
    anchors = anchors.where(F.col("rank") < anchor_cap)
    anchor_pairs = (anchors.alias("a").join(anchors.alias("b"), "key").where(F.col("b.rank") < F.col("a.rank"))
                    .select(F.col("a.n").alias("d"), F.col("b.n").alias("c"))
                    .groupBy("d", "c").agg(F.count(F.lit(1)).alias("hits")).withColumn("band", F.lit(0)))
    candidates = (band_pairs.select("d", "c", "band", "hits").unionByName(anchor_pairs.select("d", "c", "band", "hits"))
                  .groupBy("d", "c").agg(F.max("band").alias("band"), F.sum("hits").alias("hits"))
                  .where((F.col("band") > 0) | (F.col("hits") >= 2)).select("d", "c"))

    own = sigdf.select(F.col("n").alias("d"), F.col("sig").alias("dsig"))
    other = sigdf.select(F.col("n").alias("c"), F.col("sig").alias("csig"))
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

    # The in-order replay: one task, about 100 bytes a document.
    replay_in = (sigdf.select("n", "summary").join(judgments.withColumnRenamed("d", "n"), "n", "left")
                 .repartition(1).sortWithinPartitions("n"))

    def cluster(rows):
        lines = (f"{r.n}\t{r.summary}\t{r.judgments or ''}" for r in rows)
        for kind, value in engine.run("cluster", lines):
            if kind == "line":
                n, c, assignment = value.split("\t", 2)
                yield ("line", (int(n), int(c), assignment))
            else:
                yield (kind, value)

    clustered = replay_in.rdd.mapPartitions(cluster)
    clustered.persist(StorageLevel.MEMORY_AND_DISK)
    cluster_stats = clustered.filter(lambda r: r[0] == "stats").map(lambda r: r[1]).collect()
    assignments = spark.createDataFrame(clustered.filter(lambda r: r[0] == "line").map(lambda r: r[1]),
                                        "n long, canonical long, assignment string")

    keyed_docs = spark.createDataFrame(
        docs.map(lambda line: line.split("\t", 2)).map(lambda t: (int(t[0]), int(t[1]), t[2])), "f long, p long, record string")
    canonical_sigs = sigdf.select(F.col("n").alias("canonical"), F.col("sig").alias("csig"))
    applied_in = (keyed_docs.join(sigdf.select("f", "p", "n", "sig"), ["f", "p"])
                  .join(assignments, "n").join(canonical_sigs, "canonical")
                  .repartitionByRange(partitions, "f", "p").sortWithinPartitions("f", "p"))

    def apply_then_after(rows):
        lines = (f"{r.f}\t{r.p}\t{r.n}\t{r.record}\t{r.sig}\t{r.assignment}\t{r.csig}" for r in rows)
        return engine.run("apply", lines, outcomes=True,
                          then=("documents", ["--part", "after", "--workers", str(engine.workers)]))

    final = applied_in.rdd.mapPartitions(apply_then_after)
    counters = {"candidates_verified": sum(s.get("pairs", 0) for s in verify_stats)}
    for s in cluster_stats:
        for k, v in s.get("counters", {}).items():
            counters[k] = counters.get(k, 0) + v
    total = sum(s.get("documents", 0) for s in cluster_stats)
    return final, {"in": total, "out": None, "dropped": None, "rejected": 0, "counters": counters}


def main():
    parser = argparse.ArgumentParser(prog="copydesk-spark", description="Run a copydesk pipeline on Apache Spark.")
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="run PIPELINE.yaml over --input paths into --output DIR")
    r.add_argument("pipeline")
    r.add_argument("--input", action="append", default=[], metavar="PATH",
                   help="input file or directory (repeatable; default: the pipeline's inputs)")
    r.add_argument("--output", required=True, metavar="DIR", help="output directory (records/, parquet/, drops/, rejects/, report.json)")
    r.add_argument("--master", help="Spark master URL (default: spark-submit's, else local[*])")
    r.add_argument("--binary", help="the copydesk binary (default: beside this script, else on PATH)")
    r.add_argument("--partitions", type=int, help="partitions per step (default: the cluster's parallelism, at least 2)")
    args = parser.parse_args()
    if args.command == "run":
        run(args)


if __name__ == "__main__":
    main()
