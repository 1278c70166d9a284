package manynuts.spark;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * A shard's draws as a Parquet file in posterior's draws_df layout, as draws.csv has them: {@code .chain} and
 * {@code .iteration} (from 1, the chain numbered within the whole run), {@code .draw} (from 1, over the whole run),
 * then one double column per output and sampler statistic. Spark, pandas (pyarrow) and ArviZ read it as it is.
 */
public final class DrawsParquet {
    static final String CHAIN = ".chain";
    static final String ITERATION = ".iteration";
    static final String DRAW = ".draw";

    private DrawsParquet() {
    }

    /** The schema of a draws file with these value columns. */
    static MessageType schema(List<String> columns) {
        Types.MessageTypeBuilder builder = Types.buildMessage();
        builder.required(PrimitiveTypeName.INT32).named(CHAIN);
        builder.required(PrimitiveTypeName.INT32).named(ITERATION);
        builder.required(PrimitiveTypeName.INT64).named(DRAW);
        for (String column : columns) {
            builder.required(PrimitiveTypeName.DOUBLE).named(column);
        }
        return builder.named("draws");
    }

    /** Writes draws rows to one file; {@link #row} may be called from several threads. */
    static final class Writer implements AutoCloseable {
        private final ParquetWriter<Group> writer;
        private final SimpleGroupFactory rows;
        private final List<String> columns;
        private final int drawsPerChain;

        /** A new file at {@code path}, replacing any there. */
        Writer(Path path, Configuration conf, List<String> columns, int drawsPerChain) throws IOException {
            MessageType schema = schema(columns);
            this.writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(path, conf)).withConf(conf)
                    .withType(schema).withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build();
            this.rows = new SimpleGroupFactory(schema);
            this.columns = columns;
            this.drawsPerChain = drawsPerChain;
        }

        /** Draw {@code draw} of chain {@code chain}, both from 0, {@code chain} numbered within the whole run. */
        void row(int chain, int draw, double[] values) throws IOException {
            Group row = rows.newGroup().append(CHAIN, chain + 1).append(ITERATION, draw + 1)
                    .append(DRAW, (long) chain * drawsPerChain + draw + 1);
            for (int i = 0; i < columns.size(); i++) {
                row.append(columns.get(i), values[i]);
            }
            synchronized (this) {
                writer.write(row);
            }
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }

    /**
     * Reads one value column of a shard's file into {@code out[chain - firstChain][iteration - 1]}.
     *
     * @param out modified: a row for each of the shard's chains, each as long as the draws per chain
     * @throws IOException if the file cannot be read, holds a row outside the shard, or not one row for each of the
     *                     shard's draws
     */
    static void readColumn(Path path, Configuration conf, String column, int firstChain, double[][] out)
            throws IOException {
        long expected = 0;
        for (double[] chain : out) {
            expected += chain.length;
        }
        long rows = 0;
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
            MessageType file = reader.getFooter().getFileMetaData().getSchema();
            if (!file.containsField(column)) {
                throw new IOException(path + " has no column " + column);
            }
            MessageType projection = new MessageType("draws", file.getType(CHAIN), file.getType(ITERATION),
                    file.getType(column));
            reader.setRequestedSchema(projection);
            ColumnIOFactory factory = new ColumnIOFactory();
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = factory.getColumnIO(projection)
                        .getRecordReader(pages, new GroupRecordConverter(projection));
                for (long r = 0; r < pages.getRowCount(); r++) {
                    Group row = records.read();
                    int chain = row.getInteger(CHAIN, 0) - 1 - firstChain;
                    int draw = row.getInteger(ITERATION, 0) - 1;
                    if (chain < 0 || chain >= out.length || draw < 0 || draw >= out[chain].length) {
                        throw new IOException(path + ": chain " + (chain + firstChain + 1) + " draw " + (draw + 1)
                                + " is outside the shard's chains and draws");
                    }
                    out[chain][draw] = row.getDouble(column, 0);
                }
                rows += pages.getRowCount();
            }
        }
        if (rows != expected) {
            throw new IOException(path + " holds " + rows + " draws where its shard has " + expected);
        }
    }
}
