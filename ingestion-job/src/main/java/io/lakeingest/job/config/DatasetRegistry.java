package io.lakeingest.job.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.lakeingest.job.errors.Causes;
import io.lakeingest.job.errors.IngestionErrors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every dataset the job knows, parsed once from {@code config/datasets.yaml}.
 * Immutable; matching a file name to its dataset is the registry's job.
 */
public final class DatasetRegistry {
  static final int SUPPORTED_VERSION = 1;

  /** Per-dataset keys read into {@link FilePolicy} rather than {@link DatasetSpec}. */
  private static final List<String> POLICY_KEYS = List.of("max_quarantined_share", "sheet_aliases",
      "multiline");

  private final SourceFormat source;
  private final Map<String, DatasetSpec> datasets;
  private final Map<String, FilePolicy> policies;
  private final WorkbookSettings workbooks;

  DatasetRegistry(SourceFormat source, Map<String, DatasetSpec> datasets) {
    this(source, datasets, Map.of(), WorkbookSettings.DEFAULT);
  }

  DatasetRegistry(SourceFormat source, Map<String, DatasetSpec> datasets,
      Map<String, FilePolicy> policies, WorkbookSettings workbooks) {
    this.source = source;
    this.datasets = Collections.unmodifiableMap(new LinkedHashMap<>(datasets));
    this.policies = Map.copyOf(policies);
    this.workbooks = workbooks;
  }

  public static DatasetRegistry parse(String yaml, String origin) {
    ObjectMapper mapper = YamlMappers.strict();
    JsonNode root = readTree(mapper, yaml, origin);
    int version = root.path("version").asInt(-1);
    if (version != SUPPORTED_VERSION) {
      throw IngestionErrors.invalidRegistry(origin, "version",
          "found " + root.path("version") + ", this job reads version " + SUPPORTED_VERSION);
    }
    SourceFormat source = root.has("source")
        ? bind(mapper, root.get("source"), SourceFormat.class, origin, "source")
        : new SourceFormat(null, null);
    JsonNode datasetsNode = root.path("datasets");
    if (!datasetsNode.isObject() || datasetsNode.isEmpty()) {
      throw IngestionErrors.invalidRegistry(origin, "datasets", "no datasets are defined");
    }
    WorkbookSettings workbooks = root.has("workbooks")
        ? bind(mapper, root.get("workbooks"), WorkbookSettings.class, origin, "workbooks")
        : WorkbookSettings.DEFAULT;
    Map<String, DatasetSpec> datasets = new LinkedHashMap<>();
    Map<String, FilePolicy> policies = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = datasetsNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entry.getValue().isObject()) {
        throw IngestionErrors.invalidRegistry(origin, "datasets." + entry.getKey(),
            "expected a mapping of dataset settings");
      }
      ObjectNode node = ((ObjectNode) entry.getValue()).deepCopy();
      ObjectNode policy = node.objectNode();
      for (String key : POLICY_KEYS) {
        if (node.has(key)) {
          policy.set(key, node.remove(key));
        }
      }
      policies.put(entry.getKey(),
          bind(mapper, policy, FilePolicy.class, origin, "datasets." + entry.getKey()));
      node.put("name", entry.getKey());
      datasets.put(entry.getKey(),
          bind(mapper, node, DatasetSpec.class, origin, "datasets." + entry.getKey()));
    }
    validateLookups(datasets, origin);
    validateSheetAliases(policies, origin);
    validateTableNames(datasets.keySet(), origin);
    return new DatasetRegistry(source, datasets, policies, workbooks);
  }

  /**
   * The lake's own tables, as a catalog names them beside the datasets' silver tables
   * ({@code catalog/LakeTable}): a dataset may not take one of these names.
   */
  public static final List<String> RESERVED_TABLE_NAMES =
      List.of("quarantine", "ledger", "audit", "publish_audit");
  /** Bronze tables are catalogued as {@code bronze_<dataset>}. */
  public static final String BRONZE_TABLE_PREFIX = "bronze_";

  private static void validateTableNames(java.util.Set<String> names, String origin) {
    for (String name : names) {
      if (RESERVED_TABLE_NAMES.contains(name) || name.startsWith(BRONZE_TABLE_PREFIX)) {
        throw IngestionErrors.invalidRegistry(origin, "datasets." + name, "the name is taken by "
            + "one of the lake's own tables in the catalog (" + RESERVED_TABLE_NAMES + ", and '"
            + BRONZE_TABLE_PREFIX + "<dataset>' for bronze); rename the dataset");
      }
    }
  }

  /** A sheet name may stand for one dataset only. */
  private static void validateSheetAliases(Map<String, FilePolicy> policies, String origin) {
    Map<String, String> owner = new LinkedHashMap<>();
    policies.forEach((dataset, policy) -> policy.sheetAliases().forEach(alias -> {
      String other = owner.putIfAbsent(alias, dataset);
      if (other != null) {
        throw IngestionErrors.invalidRegistry(origin, "datasets." + dataset + ".sheet_aliases",
            "sheet alias '" + alias + "' is also an alias of dataset '" + other + "'");
      }
    }));
  }

  /** Cross-dataset checks: an enrichment must name a dataset that has the columns it uses. */
  private static void validateLookups(Map<String, DatasetSpec> datasets, String origin) {
    for (DatasetSpec spec : datasets.values()) {
      for (EnrichSpec lookup : spec.enrich()) {
        String where = "datasets." + spec.name() + ".enrich";
        DatasetSpec target = datasets.get(lookup.dataset());
        if (target == null || target == spec) {
          throw IngestionErrors.invalidRegistry(origin, where,
              "lookup dataset '" + lookup.dataset() + "' is not another dataset of the registry");
        }
        List<String> needed = new ArrayList<>(lookup.on());
        needed.addAll(lookup.add());
        List<String> missing = needed.stream().filter(c -> !target.columnNames().contains(c)).toList();
        if (!missing.isEmpty()) {
          throw IngestionErrors.invalidRegistry(origin, where, "lookup dataset '"
              + lookup.dataset() + "' has no column(s) " + missing);
        }
        if (!target.keys().equals(lookup.on())) {
          throw IngestionErrors.invalidRegistry(origin, where, "join columns " + lookup.on()
              + " must be the lookup's keys " + target.keys() + ", or rows would multiply");
        }
      }
    }
  }

  /** Datasets in registry order, but every lookup before the datasets that use it. */
  public List<DatasetSpec> inDependencyOrder(java.util.Collection<DatasetSpec> subset) {
    List<DatasetSpec> ordered = new ArrayList<>();
    for (DatasetSpec spec : datasets.values()) {
      if (subset.contains(spec) && spec.enrich().isEmpty()) {
        ordered.add(spec);
      }
    }
    for (DatasetSpec spec : datasets.values()) {
      if (subset.contains(spec) && !spec.enrich().isEmpty()) {
        ordered.add(spec);
      }
    }
    return ordered;
  }

  public SourceFormat source() {
    return source;
  }

  /** The dataset's file policy (quarantined share, sheet aliases); defaults when not set. */
  public FilePolicy policy(DatasetSpec spec) {
    return policies.getOrDefault(spec.name(), FilePolicy.DEFAULT);
  }

  public WorkbookSettings workbooks() {
    return workbooks;
  }

  /**
   * The dataset a workbook sheet holds, by its name: a dataset name, a registry
   * {@code sheet_aliases} entry (both trimmed, case-insensitive), or a file name a dataset's
   * file_pattern matches (with {@code .csv} added). Empty when none.
   */
  public Optional<DatasetSpec> datasetOfSheet(String sheet) {
    String key = FilePolicy.sheetKey(sheet);
    for (DatasetSpec spec : datasets.values()) {
      if (spec.name().equals(key) || policy(spec).isAlias(sheet)) {
        return Optional.of(spec);
      }
    }
    return match(sheet.strip() + ".csv");
  }

  public List<DatasetSpec> datasets() {
    return List.copyOf(datasets.values());
  }

  public Optional<DatasetSpec> dataset(String name) {
    return Optional.ofNullable(datasets.get(name));
  }

  /** The dataset a file belongs to by its base name; empty when none claims it. */
  public Optional<DatasetSpec> match(String fileName) {
    List<DatasetSpec> matches = new ArrayList<>();
    for (DatasetSpec spec : datasets.values()) {
      if (spec.matches(fileName)) {
        matches.add(spec);
      }
    }
    if (matches.size() > 1) {
      throw IngestionErrors.ambiguousDataset(
          fileName, matches.stream().map(DatasetSpec::name).toList());
    }
    return matches.stream().findFirst();
  }

  private static JsonNode readTree(ObjectMapper mapper, String yaml, String origin) {
    try {
      JsonNode root = mapper.readTree(yaml);
      if (root == null || !root.isObject()) {
        throw IngestionErrors.invalidRegistry(origin, "top level", "expected a YAML mapping");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw IngestionErrors.invalidRegistry(origin, location(e), e.getOriginalMessage());
    }
  }

  private static <T> T bind(ObjectMapper mapper, JsonNode node, Class<T> type, String origin,
      String where) {
    try {
      return mapper.treeToValue(node, type);
    } catch (JsonMappingException e) {
      String path = e.getPath().isEmpty() ? where : where + "." + describePath(e);
      throw IngestionErrors.invalidRegistry(origin, path, rootMessage(e));
    } catch (JsonProcessingException e) {
      throw IngestionErrors.invalidRegistry(origin, where, e.getOriginalMessage());
    }
  }

  private static String describePath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** Our own validation message when a constructor refused the values, else Jackson's. */
  private static String rootMessage(JsonMappingException e) {
    Throwable cause = Causes.root(e);
    if (cause instanceof IllegalArgumentException) {
      return cause.getMessage();
    }
    return e.getOriginalMessage();
  }

  /** Shared settings of the YAML readers: unknown keys are errors, enums case-insensitive. */
  static final class YamlMappers {
    private YamlMappers() {}

    static ObjectMapper strict() {
      return YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .build();
    }
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? "top level"
        : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }
}
