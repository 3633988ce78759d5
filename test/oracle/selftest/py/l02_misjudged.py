from pyspark.sql import functions as F
result = spark.table("atomic.events").groupBy("event").agg(F.count("*").alias("n")).filter(F.col("event") != "page_view")
