import os
from pyspark.sql import functions as F
result = spark.table("atomic.events").groupBy("app_id").agg(F.count("*").alias("n"))
result.write.format("jdbc").option("url", os.environ["JDBC_URL"]).option("dbtable", "derived.app_counts").mode("append").save()
