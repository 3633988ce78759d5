from pyspark.sql import functions as F
result = spark.table("atomic.events").groupBy("geo_country").agg(F.count("*").alias("views"))
