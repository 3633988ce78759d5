from pyspark.sql import functions as F
result = spark.table("atomic.events").filter(F.col("event") == "page_view").groupBy("geo_country").agg(F.count("*").alias("views"))
