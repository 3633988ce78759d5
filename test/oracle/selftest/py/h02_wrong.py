from pyspark.sql import functions as F
result = spark.table("atomic.events").groupBy("platform").agg(F.count("*").alias("n"))
